/*
 * An export's image copies on threads of the extension's own, each at a lowered scheduling
 * priority (nice), so that on a machine with few cores the export's plan, one thread that the
 * rest of the export waits for, keeps its core while the copies take what is left. Copies made
 * through libuv's thread pool run at the main thread's priority: on the 2-core CI VM, 8 of them
 * beside a native plan of 100k pairs stretched it from 0.53 s to 1.1-1.4 s.
 * (src-main/services/export/native-copier.ts drives these functions from a connection of its own.)
 *
 * delta_copy_begin(threads, nice)  starts the copier of this connection
 * delta_copy_add(pairs)     queues copies: a BLOB of `source\0target\0` pairs; jobs are
 *                           numbered from 0 in the order they were queued
 * delta_copy_poll()         TEXT `{"done":N,"running":R,"failed":[job,"reason"]|null}`: every
 *                           job below N has been copied (copies finish out of order, so N is
 *                           the first not copied), threads still alive, the first failure
 * delta_copy_stop()         drops the copies not started; the threads end after their current one
 *
 * A target is created exclusively (it must not exist). Each copy asks for a copy-on-write clone
 * first (FICLONE: btrfs, XFS), then for an in-kernel copy (copy_file_range), then reads and
 * writes, as libuv's copyfile does.
 */
#define _GNU_SOURCE
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#endif

#include "delta-export.h"

#define MAX_THREADS 16

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t wake;
  /* Queued `source\0target\0` pairs; `next` is the byte where the next job to start begins. */
  Buf jobs;
  size_t next;
  int64_t queued, started;
  Buf finished; /* a byte per job queued: 1 once it copied, 2 once it failed */
  int64_t prefix; /* the first job not copied (unfinished or failed) */
  int64_t failed_job; /* -1 until a copy fails */
  char failure[4096];
  int stopping, running, ready, threads, nice;
  pthread_t ids[MAX_THREADS];
} Copier;

/* Why a copy failed, as `cannot <step> <path>: <strerror>` into c->failure (the first only). */
static void note_failure(Copier *c, int64_t job, const char *step, const char *path, int error) {
  pthread_mutex_lock(&c->lock);
  if (c->failed_job < 0) {
    c->failed_job = job;
    snprintf(c->failure, sizeof c->failure, "cannot %s %s: %s", step, path, strerror(error));
  }
  pthread_mutex_unlock(&c->lock);
}

/* Copies what remains of `in` after `from` bytes with read and write. 0 or an errno. */
static int copy_by_reading(int in, int out, off_t from) {
  enum { BUFFER_BYTES = 256 << 10 };
  if (lseek(in, from, SEEK_SET) < 0 || lseek(out, from, SEEK_SET) < 0) return errno;
  char *buffer = malloc(BUFFER_BYTES);
  if (!buffer) return ENOMEM;
  int error = 0;
  for (;;) {
    ssize_t got = read(in, buffer, BUFFER_BYTES);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    for (ssize_t put_at = 0; put_at < got && !error;) {
      ssize_t wrote = write(out, buffer + put_at, (size_t)(got - put_at));
      if (wrote < 0 && errno != EINTR) error = errno;
      if (wrote > 0) put_at += wrote;
    }
    if (error) break;
  }
  free(buffer);
  return error;
}

/* Copies the file's bytes from `in` to the new file `out`: a clone, else in the kernel, else by
 * reading. 0 or an errno. */
static int copy_bytes(int in, int out, off_t size) {
  off_t copied = 0;
#ifdef __linux__
  if (ioctl(out, FICLONE, in) == 0) return 0;
  while (copied < size) {
    ssize_t n = copy_file_range(in, NULL, out, NULL, (size_t)(size - copied), 0);
    if (n > 0) copied += n;
    else if (n == 0) break; /* the file shrank: read what is left */
    else if (errno == EINTR) continue;
    else if (errno == ENOSYS || errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP) break;
    else return errno;
  }
  if (copied == size) {
    /* A file that grew since its stat is finished by reading, like one that shrank. */
    char probe;
    if (pread(in, &probe, 1, size) == 0) return 0;
  }
#else
  (void)size;
#endif
  return copy_by_reading(in, out, copied);
}

/* 1 when the copy is complete, else 2 with the failure noted. */
static uint8_t copy_one(Copier *c, int64_t job, const char *source, const char *target) {
  int in = open(source, O_RDONLY | O_CLOEXEC);
  if (in < 0) return note_failure(c, job, "open", source, errno), 2;
  struct stat st;
  if (fstat(in, &st) != 0) {
    note_failure(c, job, "stat", source, errno);
    close(in);
    return 2;
  }
  int out = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 0777);
  if (out < 0) {
    note_failure(c, job, "create", target, errno);
    close(in);
    return 2;
  }
  int error = copy_bytes(in, out, st.st_size);
  if (close(out) != 0 && error == 0) error = errno;
  close(in);
  if (error) return note_failure(c, job, "copy into", target, error), 2;
  return 1;
}

static void *copy_thread(void *data) {
  Copier *c = data;
#ifdef __linux__
  /* On Linux a thread id names that one thread for setpriority (elsewhere it is the process). */
  setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), c->nice);
#endif
  pthread_mutex_lock(&c->lock);
  c->ready++;
  pthread_cond_broadcast(&c->wake);
  for (;;) {
    while (!c->stopping && c->started == c->queued) pthread_cond_wait(&c->wake, &c->lock);
    if (c->stopping) break;
    /* `jobs` may move (realloc) when more are queued: the pair is copied out under the lock. */
    const char *at = (const char *)c->jobs.p + c->next;
    size_t source_len = strlen(at);
    size_t target_len = strlen(at + source_len + 1);
    char *pair = malloc(source_len + target_len + 2);
    int64_t job = c->started++;
    c->next += source_len + target_len + 2;
    if (pair) memcpy(pair, at, source_len + target_len + 2);
    pthread_mutex_unlock(&c->lock);
    uint8_t outcome = 2;
    if (pair) outcome = copy_one(c, job, pair, pair + source_len + 1);
    else note_failure(c, job, "copy", "a file", ENOMEM);
    free(pair);
    pthread_mutex_lock(&c->lock);
    c->finished.p[job] = outcome;
    while (c->prefix < c->queued && c->finished.p[c->prefix] == 1) c->prefix++;
    if (c->failed_job >= 0) c->stopping = 1, pthread_cond_broadcast(&c->wake);
  }
  c->running--;
  pthread_mutex_unlock(&c->lock);
  return NULL;
}

/* Ends the copier: no new copies start; waits for the threads (each ends after its copy). */
static void copier_end(Copier *c) {
  pthread_mutex_lock(&c->lock);
  c->stopping = 1;
  pthread_cond_broadcast(&c->wake);
  pthread_mutex_unlock(&c->lock);
  for (int i = 0; i < c->threads; i++) pthread_join(c->ids[i], NULL);
  c->threads = 0;
}

static void copier_free(void *data) {
  Copier *c = data;
  copier_end(c);
  pthread_cond_destroy(&c->wake);
  pthread_mutex_destroy(&c->lock);
  free(c->jobs.p), free(c->finished.p);
  free(c);
}

static void copy_begin(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Copier *c = sqlite3_user_data(ctx);
  sqlite3_int64 threads = sqlite3_value_int64(argv[0]);
  if (threads < 1 || threads > MAX_THREADS) {
    return sqlite3_result_error(ctx, "delta_copy_begin: 1 to 16 threads", -1);
  }
  if (c->threads > 0 || c->stopping) return sqlite3_result_error(ctx, "delta_copy_begin: already begun", -1);
  c->nice = sqlite3_value_int(argv[1]);
  pthread_mutex_lock(&c->lock);
  for (int i = 0; i < threads; i++) {
    if (pthread_create(&c->ids[i], NULL, copy_thread, c) != 0) break;
    c->threads++, c->running++;
  }
  /* Returns once every thread runs at its priority, so no copy starts at the caller's. */
  while (c->ready < c->threads) pthread_cond_wait(&c->wake, &c->lock);
  pthread_mutex_unlock(&c->lock);
  if (c->threads == 0) return sqlite3_result_error(ctx, "delta_copy_begin: no thread could start", -1);
  sqlite3_result_int(ctx, c->threads);
}

static void copy_add(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  Copier *c = sqlite3_user_data(ctx);
  const uint8_t *pairs = sqlite3_value_blob(argv[0]);
  size_t n = (size_t)sqlite3_value_bytes(argv[0]);
  int64_t count = 0;
  for (size_t i = 0; i < n; i++) count += pairs[i] == 0;
  if (n == 0 || pairs[n - 1] != 0 || count % 2 != 0) {
    return sqlite3_result_error(ctx, "delta_copy_add: a BLOB of source\\0target\\0 pairs", -1);
  }
  pthread_mutex_lock(&c->lock);
  /* Every queued pair started: their bytes are no longer needed, so the queue starts over. */
  if (c->next == c->jobs.n) c->next = c->jobs.n = 0;
  int failed = !reserve(&c->finished, (size_t)(count / 2)) || !reserve(&c->jobs, n);
  if (!failed) {
    put(&c->jobs, pairs, n);
    memset(c->finished.p + c->finished.n, 0, (size_t)(count / 2));
    c->finished.n += (size_t)(count / 2);
    c->queued += count / 2;
  }
  pthread_cond_broadcast(&c->wake);
  pthread_mutex_unlock(&c->lock);
  if (failed) return sqlite3_result_error_nomem(ctx);
  sqlite3_result_int64(ctx, c->queued);
}

static void copy_poll(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc, (void)argv;
  Copier *c = sqlite3_user_data(ctx);
  Buf out = {0};
  char head[96];
  pthread_mutex_lock(&c->lock);
  snprintf(head, sizeof head, "{\"done\":%lld,\"running\":%d,\"failed\":", (long long)c->prefix,
           c->running);
  put(&out, head, strlen(head));
  if (c->failed_job < 0) {
    PUT_LITERAL(&out, "null");
  } else {
    snprintf(head, sizeof head, "[%lld,", (long long)c->failed_job);
    put(&out, head, strlen(head));
    /* A path that is not UTF-8 (never one from JavaScript) leaves only the reason's kind. */
    if (!quote(&out, (const uint8_t *)c->failure, strlen(c->failure))) PUT_LITERAL(&out, "\"a copy failed\"");
    PUT_LITERAL(&out, "]");
  }
  pthread_mutex_unlock(&c->lock);
  PUT_LITERAL(&out, "}");
  if (out.failed) return free(out.p), sqlite3_result_error_nomem(ctx);
  sqlite3_result_text(ctx, (const char *)out.p, (int)out.n, free);
}

static void copy_stop(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc, (void)argv;
  Copier *c = sqlite3_user_data(ctx);
  pthread_mutex_lock(&c->lock);
  c->stopping = 1;
  pthread_cond_broadcast(&c->wake);
  pthread_mutex_unlock(&c->lock);
  sqlite3_result_null(ctx);
}

int register_file_copy(struct sqlite3 *db) {
  Copier *c = calloc(1, sizeof *c);
  if (!c) return SQLITE_NOMEM;
  pthread_mutex_init(&c->lock, NULL);
  pthread_cond_init(&c->wake, NULL);
  c->failed_job = -1;
  int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  int rc = sqlite3_create_function_v2(db, "delta_copy_begin", 2, flags, c, copy_begin, 0, 0, copier_free);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_copy_add", 1, flags, c, copy_add, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_copy_poll", 0, flags, c, copy_poll, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "delta_copy_stop", 0, flags, c, copy_stop, 0, 0);
  return rc;
}
