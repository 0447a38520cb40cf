import { lazy, type MouseEvent, Suspense, useEffect, useRef } from 'react';
import { useI18n } from './i18n/i18n.tsx';
import { LANGUAGES } from './i18n/format.ts';
import type { MessageKey } from './i18n/messages.ts';
import { navigate, type Route, ROUTES, useRoute } from './router.ts';

// Each page is its own chunk, loaded when first shown.
const VIEWS = {
  atlas: lazy(() => import('./views/atlas-view.tsx')),
  chains: lazy(() => import('./views/chains-view.tsx')),
  criticality: lazy(() => import('./views/criticality-view.tsx')),
  controls: lazy(() => import('./views/controls-view.tsx')),
  scenarios: lazy(() => import('./views/scenarios-view.tsx')),
  tracker: lazy(() => import('./views/tracker-view.tsx')),
  review: lazy(() => import('./views/review-view.tsx')),
} satisfies Record<Route, unknown>;

const NAV_LABEL: Record<Route, MessageKey> = {
  atlas: 'navAtlas',
  chains: 'navChains',
  criticality: 'navCriticality',
  controls: 'navControls',
  scenarios: 'navScenarios',
  tracker: 'navTracker',
  review: 'navReview',
};

/** The page frame: header, navigation, language switch and the current page. */
export function App() {
  const { t, lang, setLang } = useI18n();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const View = route === null ? null : VIEWS[route];
  useEffect(() => {
    document.title = `${route ? t(NAV_LABEL[route]) : ''} · ${t('appTitle')}`;
  }, [route, t]);
  const go = (r: Route) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(r);
    main.current?.focus();
  };
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <div className="brand">
          <strong>{t('appTitle')}</strong> <span className="tagline">{t('appTagline')}</span>
        </div>
        <nav aria-label="main">
          <ul>
            {ROUTES.map((r) => (
              <li key={r}>
                <a href={`/${r}`} onClick={go(r)} aria-current={r === route ? 'page' : undefined} data-nav={r}>
                  {t(NAV_LABEL[r])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="lang" role="group" aria-label={t('language')}>
          {LANGUAGES.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)} data-lang={l}>
              {l === 'en' ? 'English' : '日本語'}
            </button>
          ))}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<p className="loading">{t('loading')}</p>}>
          {View ? <View /> : <p>{t('notFound')}</p>}
        </Suspense>
      </main>
    </>
  );
}
