import { useI18n } from '../i18n/i18n.tsx';

/** What a pending or failed request shows in place of its content. */
export function Status({ loaded }: { loaded: { state: string; error?: Error | undefined; reload: () => void } }) {
  const { t } = useI18n();
  if (loaded.state === 'loading') return <p className="loading">{t('loading')}</p>;
  if (loaded.state === 'error')
    return (
      <div className="error" role="alert">
        <p>{t('errorPrefix', { message: loaded.error?.message ?? '' })}</p>
        <button type="button" onClick={loaded.reload}>
          {t('retry')}
        </button>
      </div>
    );
  return null;
}
