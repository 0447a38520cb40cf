/** A cell of an exported table: text, a number, or empty. */
export type ExportCell = string | number | boolean | null;

/** RFC 4180 CSV: fields with commas, quotes or line breaks quoted, quotes doubled, CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly ExportCell[])[]): string {
  const field = (v: ExportCell): string => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves the table as a UTF-8 CSV file (with a byte-order mark so spreadsheet programs read Japanese). */
export function downloadCsv(
  fileName: string,
  header: readonly string[],
  rows: readonly (readonly ExportCell[])[],
): void {
  save(new Blob(['\uFEFF', toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), fileName);
}

/** Saves the table as an XLSX workbook; the writer is loaded only when asked for. */
export async function downloadXlsx(
  fileName: string,
  header: readonly string[],
  rows: readonly (readonly ExportCell[])[],
): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const data = [
    header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
    ...rows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
  ];
  const blob = await writeXlsxFile(data).toBlob();
  save(blob, fileName);
}
