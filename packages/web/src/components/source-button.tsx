import { useId, useState } from 'react';
import { useApi } from '../api/use-api.ts';
import { SourceSchema } from '../api/schemas.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Status } from './status.tsx';

/** A source id as a button; one click fetches and shows the source's record. */
export function SourceButton({ id, figure }: { id: string; figure?: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const panel = useId();
  return (
    <span className="source">
      <button
        type="button"
        className="source-id"
        aria-expanded={open}
        aria-controls={panel}
        title={figure ? t('showSource', { figure }) : t('sourceTitle', { id })}
        onClick={() => setOpen((o) => !o)}
        data-source={id}
      >
        [{id}]
      </button>
      {open ? <SourcePanel id={id} panelId={panel} onClose={() => setOpen(false)} /> : null}
    </span>
  );
}

function SourcePanel({ id, panelId, onClose }: { id: string; panelId: string; onClose: () => void }) {
  const { t } = useI18n();
  const source = useApi(`/api/sources/${encodeURIComponent(id)}`, SourceSchema);
  return (
    <div
      className="source-panel"
      id={panelId}
      role="region"
      aria-label={t('sourceTitle', { id })}
      data-source-panel={id}
    >
      {source.state === 'ready' ? (
        <dl>
          <dt>{t('source')}</dt>
          <dd>
            {source.data.url ? (
              <a href={source.data.url} target="_blank" rel="noreferrer">
                {source.data.title}
              </a>
            ) : (
              source.data.title
            )}
          </dd>
          {(['publisher', 'year', 'locator', 'licence', 'confidence', 'note', 'reasoning'] as const).map((k) =>
            source.data[k] !== undefined ? (
              <div key={k} className="kv">
                <dt>{k}</dt>
                <dd>{String(source.data[k])}</dd>
              </div>
            ) : null,
          )}
        </dl>
      ) : (
        <Status loaded={source} />
      )}
      <button type="button" onClick={onClose}>
        {t('close')}
      </button>
    </div>
  );
}
