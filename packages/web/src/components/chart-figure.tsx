import { type ReactNode, useId, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** A chart with its title and a button that shows the same data as a table. */
export function ChartFigure({ title, chart, table }: { title: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useI18n();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <figure className="chart-figure">
      <figcaption>
        <h3>{title}</h3>
        <button type="button" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((s) => !s)}>
          {showTable ? t('hideTable') : t('showTable')}
        </button>
      </figcaption>
      {chart}
      <div id={tableId} hidden={!showTable} className="figure-table">
        {showTable ? table : null}
      </div>
    </figure>
  );
}
