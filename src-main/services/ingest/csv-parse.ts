/**
 * RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas, quotes (doubled)
 * and newlines; CRLF or LF line ends; a UTF-8 BOM is dropped. Returns rows with the 1-based line
 * each starts on, so errors can name the line a person sees in an editor.
 * @throws Error naming the line of an unterminated quoted field.
 */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const rows: Array<{ line: number; fields: string[] }> = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  let fieldStarted = false
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"' && !fieldStarted) {
      quoted = true
      fieldStarted = true
    } else if (c === ',') {
      fields.push(field)
      field = ''
      fieldStarted = false
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++
      fields.push(field)
      if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields })
      fields = []
      field = ''
      fieldStarted = false
      line++
      rowLine = line
    } else {
      field += c
      fieldStarted = true
    }
  }
  if (quoted) throw new Error(`line ${rowLine}: a quoted field is never closed`)
  fields.push(field)
  if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields })
  return rows
}
