import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { downloadCsv, downloadXlsx, type ExportCell } from '../table/export.ts';

/** CSV and XLSX download of one table. */
export function DownloadButtons({
  fileStem,
  header,
  rows,
}: {
  fileStem: string;
  header: readonly string[];
  rows: readonly (readonly ExportCell[])[];
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <div className="downloads">
      <button type="button" onClick={() => downloadCsv(`${fileStem}.csv`, header, rows)} data-download="csv">
        {t('downloadCsv')}
      </button>
      <button
        type="button"
        disabled={busy}
        data-download="xlsx"
        onClick={() => {
          setBusy(true);
          downloadXlsx(`${fileStem}.xlsx`, header, rows).finally(() => setBusy(false));
        }}
      >
        {t('downloadXlsx')}
      </button>
    </div>
  );
}
