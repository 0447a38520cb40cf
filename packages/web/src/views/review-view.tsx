import { type FormEvent, type ReactNode, useState } from 'react';
import { query, sendJson } from '../api/client.ts';
import { type QueuedEvent, QueuedEventSchema, QueueSchema, type ReviewStatus } from '../api/schemas.ts';
import { useApi } from '../api/use-api.ts';
import { Field } from '../components/figure.tsx';
import { Status } from '../components/status.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';

const STATUSES: readonly ReviewStatus[] = ['proposed', 'edited', 'accepted', 'rejected'];
// Characters of the document shown either side of an evidence span.
const CONTEXT_CHARS = 120;

/** Review: paste a notice, see the events the intake proposes with their evidence, accept, edit or reject them. */
export default function ReviewView() {
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState<ReviewStatus | ''>('');
  const queue = useApi(`/api/intake/queue${query({ status })}`, QueueSchema);
  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t('reviewTitle')}</h2>
      <ProposeForm i18n={i18n} onQueued={queue.reload} />
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('queue')}>
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as ReviewStatus | '')}>
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`rstatus_${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </form>
      {queue.state === 'ready' ? (
        <div data-queue data-ready="true">
          {queue.data.length === 0 ? <p>{t('emptyQueue')}</p> : null}
          {queue.data.map((q) => (
            <QueuedCard key={q.id} queued={q} i18n={i18n} onChange={queue.reload} />
          ))}
        </div>
      ) : (
        <Status loaded={queue} />
      )}
    </section>
  );
}

function ProposeForm({ i18n, onQueued }: { i18n: I18n; onQueued: () => void }) {
  const { t } = i18n;
  const [text, setText] = useState('');
  const [published, setPublished] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const queued = await sendJson(
        'POST',
        '/api/intake/queue',
        { text, ...(published ? { published } : {}) },
        QueueSchema,
      );
      setMessage({ error: false, text: t('proposedCount', { n: queued.length }) });
      onQueued();
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>{t('reviewText')}</span>
        <textarea name="text" value={text} required onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="controls">
        <Field label={t('reviewFile')}>
          <input
            type="file"
            name="file"
            accept=".txt,.html,.htm,text/plain,text/html"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setText);
            }}
          />
        </Field>
        <Field label={t('published')}>
          <input type="date" name="published" value={published} onChange={(e) => setPublished(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy || text.trim() === ''} data-propose>
          {busy ? t('proposing') : t('propose')}
        </button>
      </div>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'issues' : undefined} data-proposed>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}

/** The document around each evidence span, the span marked. */
function EvidenceText({ queued }: { queued: QueuedEvent }) {
  const text = queued.document.text;
  return (
    <>
      {queued.event.evidence.map((ev, i) => {
        const from = Math.max(0, ev.start - CONTEXT_CHARS);
        const to = Math.min(text.length, ev.end + CONTEXT_CHARS);
        return (
          <blockquote key={`${ev.start}-${i}`} className="evidence" lang={queued.document.lang}>
            {from > 0 ? '…' : ''}
            {text.slice(from, ev.start)}
            <mark data-evidence>{text.slice(ev.start, ev.end)}</mark>
            {text.slice(ev.end, to)}
            {to < text.length ? '…' : ''}
          </blockquote>
        );
      })}
    </>
  );
}

const list = (v: readonly string[]) => v.join(', ');
const parseList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

function QueuedCard({ queued, i18n, onChange }: { queued: QueuedEvent; i18n: I18n; onChange: () => void }) {
  const { t } = i18n;
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const f = queued.event.fields;
  const open = queued.status === 'proposed' || queued.status === 'edited';
  const act = async (send: () => Promise<unknown>) => {
    setError(null);
    try {
      await send();
      setEditing(false);
      onChange();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const row = (label: string, value: ReactNode) => (
    <div className="kv">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <article className="panel queued" data-queued={queued.id} data-status={queued.status} data-type={queued.event.type}>
      <h3>
        #{queued.id} {queued.event.type.replace(/_/g, ' ')}{' '}
        <span className={`review-status review-${queued.status}`} data-status-label>
          {t(`rstatus_${queued.status}`)}
        </span>
      </h3>
      <EvidenceText queued={queued} />
      <dl className="fields">
        {row(t('confidence'), i18n.num(queued.event.confidence, 2))}
        {row(t('action'), f.action ?? '—')}
        {row(t('date'), f.date ?? '—')}
        {row(t('issuer'), f.issuerOrHost ?? '—')}
        {row(t('parties'), list(f.parties) || '—')}
        {row(t('commodities'), list(f.commodities) || '—')}
        {row(t('instruments'), list(f.instruments) || '—')}
        {row(t('linkedMeasures'), list(queued.event.links.measures) || '—')}
      </dl>
      {open && !editing ? (
        <div className="actions">
          <button
            type="button"
            className="primary"
            data-accept
            onClick={() =>
              void act(() => sendJson('POST', `/api/intake/queue/${queued.id}/accept`, {}, QueuedEventSchema))
            }
          >
            {t('accept')}
          </button>
          <button type="button" data-edit onClick={() => setEditing(true)}>
            {t('edit')}
          </button>
          <button
            type="button"
            data-reject
            onClick={() =>
              void act(() => sendJson('POST', `/api/intake/queue/${queued.id}/reject`, {}, QueuedEventSchema))
            }
          >
            {t('reject')}
          </button>
        </div>
      ) : null}
      {editing ? (
        <EditForm
          queued={queued}
          i18n={i18n}
          onCancel={() => setEditing(false)}
          onSave={(body) =>
            void act(() => sendJson('PATCH', `/api/intake/queue/${queued.id}`, body, QueuedEventSchema))
          }
        />
      ) : null}
      {error ? (
        <p role="alert" className="issues">
          {error}
        </p>
      ) : null}
      <details>
        <summary>{t('history')}</summary>
        <ol data-history>
          {queued.history.map((h, i) => (
            <li key={i} data-step={h.action}>
              {h.at.replace('T', ' ').slice(0, 19)} · {h.by} · {h.action}
              {h.note ? ` — ${h.note}` : ''}
              {h.changes.map((c) => (
                <div key={c.field} className="change">
                  {c.field}: {JSON.stringify(c.before)} → {JSON.stringify(c.after)}
                </div>
              ))}
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}

function EditForm({
  queued,
  i18n,
  onCancel,
  onSave,
}: {
  queued: QueuedEvent;
  i18n: I18n;
  onCancel: () => void;
  onSave: (body: { fields: Record<string, unknown>; note?: string }) => void;
}) {
  const { t } = i18n;
  const f = queued.event.fields;
  const [date, setDate] = useState(f.date ?? '');
  const [issuer, setIssuer] = useState(f.issuerOrHost ?? '');
  const [parties, setParties] = useState(list(f.parties));
  const [commodities, setCommodities] = useState(list(f.commodities));
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({
      fields: {
        date: date || null,
        issuerOrHost: issuer.trim().toUpperCase() || null,
        parties: parseList(parties).map((p) => p.toUpperCase()),
        commodities: parseList(commodities),
      },
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };
  return (
    <form className="controls edit" onSubmit={submit} data-edit-form>
      <Field label={t('date')}>
        <input name="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </Field>
      <Field label={t('issuer')}>
        <input name="issuerOrHost" value={issuer} onChange={(e) => setIssuer(e.target.value)} />
      </Field>
      <Field label={t('parties')}>
        <input name="parties" value={parties} onChange={(e) => setParties(e.target.value)} />
      </Field>
      <Field label={t('commodities')}>
        <input name="commodities" value={commodities} onChange={(e) => setCommodities(e.target.value)} />
      </Field>
      <Field label={t('note')}>
        <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <p className="note">{t('fieldsHint')}</p>
      <button type="submit" className="primary" data-save>
        {t('save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}
