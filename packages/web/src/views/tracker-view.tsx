import { useMemo, useState } from 'react';
import { query } from '../api/client.ts';
import {
  type CommitmentState,
  type TrackerFramework,
  TrackerFrameworksSchema,
  TrackerSchema,
  type TrackerStatus,
} from '../api/schemas.ts';
import { useApi } from '../api/use-api.ts';
import { Field } from '../components/figure.tsx';
import { SourceButton } from '../components/source-button.tsx';
import { Status } from '../components/status.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';

const TRACKER_STATE_COLOURS: Record<CommitmentState, string> = {
  done: '#1e8449',
  'on-track': '#2e86c1',
  overdue: '#c0392b',
  unknown: '#8a8a8a',
};
const STATES: readonly CommitmentState[] = ['done', 'on-track', 'overdue', 'unknown'];
const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Tracker: each commitment of a bilateral framework done, on track, overdue or unknown on a chosen day. */
export default function TrackerView() {
  const i18n = useI18n();
  const { t } = i18n;
  const frameworks = useApi('/api/tracker/frameworks', TrackerFrameworksSchema);
  const [picked, setPicked] = useState('');
  const [asOf, setAsOf] = useState(() => new Date().toISOString().slice(0, 10));
  const framework = picked || (frameworks.data?.find((f) => f.id === 'us-jp-2025') ?? frameworks.data?.[0])?.id || '';
  const status = useApi(
    framework && isIsoDate(asOf) ? `/api/tracker${query({ framework, asOf })}` : null,
    TrackerSchema,
  );
  const info = frameworks.data?.find((f) => f.id === framework);
  const current = status.state === 'ready' ? status.data[0] : undefined;
  return (
    <section aria-labelledby="tracker-title">
      <h2 id="tracker-title">{t('trackerTitle')}</h2>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('framework')}>
          <select name="framework" value={framework} onChange={(e) => setPicked(e.target.value)}>
            {(frameworks.data ?? []).map((f) => (
              <option key={f.id} value={f.id}>
                {f.id}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('asOf')}>
          <input type="date" name="asOf" value={asOf} required onChange={(e) => setAsOf(e.target.value)} />
        </Field>
      </form>
      {frameworks.state !== 'ready' ? <Status loaded={frameworks} /> : null}
      {current && info && current.asOf === asOf && current.framework === framework ? (
        <Timeline status={current} info={info} i18n={i18n} />
      ) : (
        <Status loaded={status} />
      )}
    </section>
  );
}

function Timeline({ status, info, i18n }: { status: TrackerStatus; info: TrackerFramework; i18n: I18n }) {
  const { t } = i18n;
  const sourcesOf = useMemo(() => new Map(info.commitments.map((c) => [c.id, c.sources])), [info]);
  // Dated commitments first, by deadline; those without one after them, in the text's order.
  const ordered = useMemo(
    () =>
      [...status.commitments].sort((a, b) =>
        a.dueOn === b.dueOn ? 0 : a.dueOn === null ? 1 : b.dueOn === null ? -1 : a.dueOn.localeCompare(b.dueOn),
      ),
    [status],
  );
  const c = status.counts;
  return (
    <div className="panel" data-tracker={`${status.framework}/${status.asOf}`} data-ready="true">
      <h3>{status.title}</h3>
      <p>
        {t('signedOn', { date: i18n.date(status.signedOn) })}{' '}
        {info.sources.map((id) => (
          <SourceButton key={id} id={id} figure={status.title} />
        ))}
      </p>
      <p data-counts>
        {t('trackerCounts', {
          date: i18n.date(status.asOf),
          done: c.done ?? 0,
          onTrack: c['on-track'] ?? 0,
          overdue: c.overdue ?? 0,
          unknown: c.unknown ?? 0,
        })}{' '}
        <span className="note">{t('trackerNote')}</span>
      </p>
      <ul className="legend" aria-label={t('status')}>
        {STATES.map((s) => (
          <li key={s}>
            <span className="swatch" style={{ background: TRACKER_STATE_COLOURS[s] }} /> {t(`tstate_${s}`)}
          </li>
        ))}
      </ul>
      <ol className="tracker-timeline">
        {ordered.map((x) => (
          <li key={x.id} data-commitment={x.id} data-state={x.state}>
            <span className="tracker-due">
              {x.dueOn === null ? t('noDeadline') : i18n.date(x.dueOn)}
              {x.daysLeft === null
                ? null
                : x.daysLeft >= 0
                  ? ` · ${t('daysLeft', { n: x.daysLeft })}`
                  : ` · ${t('daysOverdue', { n: -x.daysLeft })}`}
            </span>
            <span
              className="tracker-state"
              data-state-label
              style={{ background: TRACKER_STATE_COLOURS[x.state], color: '#fff' }}
            >
              {t(`tstate_${x.state}`)}
            </span>
            <strong className="tracker-title">{x.title}</strong>
            <span className="tracker-owners">
              {t('owners')}: {x.owners.join('; ')}
            </span>
            <span className="tracker-why">
              {t('why')}: {x.reason}{' '}
              <span className="tracker-sources">
                {t('commitmentSources')}:{' '}
                {(sourcesOf.get(x.id) ?? []).map((id) => (
                  <SourceButton key={id} id={id} figure={x.title} />
                ))}
              </span>
            </span>
            <details>
              <summary>{t('evidence', { n: x.evidence.length })}</summary>
              {x.evidence.length === 0 ? (
                <p>{t('noEvidence')}</p>
              ) : (
                <ul>
                  {x.evidence.map((e, i) => (
                    <li key={`${e.date}-${i}`}>
                      {i18n.date(e.date)} — {e.note}{' '}
                      {e.sources.map((id) => (
                        <SourceButton key={id} id={id} figure={x.title} />
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
