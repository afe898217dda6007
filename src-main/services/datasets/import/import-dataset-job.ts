import { defineJobKind } from '../../jobs/job-kind'
import { importDataset } from './import-dataset'

/**
 * The `dataset-import` job: reads a preference dataset (a Delta Studio export or an external
 * one in a supported layout) into pairs. Each bad row is recorded as a job error naming file,
 * row and reason. Resumable by re-running: pairs already imported are counted as duplicates.
 */
export const datasetImportJobKind = defineJobKind('dataset-import', {
  unit: 'rows',
  run: async (ctx) => {
    const result = await importDataset(ctx.project, ctx.params.source, {
      format: ctx.params.format,
      status: ctx.params.status,
      signal: ctx.signal,
      onProgress: (rows) => ctx.setDone(rows)
    })
    // The row count is known only once every file was read (JSONL has no header to count
    // from); until then progress shows rows read so far.
    ctx.setTotal(result.rows)
    ctx.setDone(result.rows)
    for (const error of result.errors) ctx.recordError(error.item, error.reason)
    return {
      format: result.format,
      rows: result.rows,
      imported: result.imported,
      duplicates: result.duplicates,
      errors: result.errors.length
    }
  }
})
