import type { ReactNode } from 'react';
import { SourceButton } from './source-button.tsx';

/** A headline figure with its label and the sources it rests on. */
export function Figure({
  name,
  label,
  value,
  sources,
}: {
  name: string;
  label: string;
  value: string;
  sources: readonly string[];
}) {
  return (
    <div className="figure" data-figure={name}>
      <div className="figure-label">{label}</div>
      <div className="figure-value" data-value>
        {value}
      </div>
      <div className="figure-sources">
        {sources.map((id) => (
          <SourceButton key={id} id={id} figure={label} />
        ))}
      </div>
    </div>
  );
}

/** A labelled form control wrapper. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}
