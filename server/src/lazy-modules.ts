/**
 * Libraries most requests never need, loaded at their first use instead of at start: exceljs
 * alone is some 40 MB of a process's memory (measured with `process.memoryUsage().rss`).
 */
export const loadExcel = async () => (await import('exceljs')).default
