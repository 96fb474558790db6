import './lib/zod-config';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { PublicPage } from './features/public/public-page';
import { I18nProvider } from './lib/i18n';
import { registerServiceWorker } from './pwa/register-service-worker';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
document.documentElement.lang = localStorage.getItem('hatang.lang') === 'en' ? 'en' : 'vi';
/** `/cong-khai` ("public"): the page for everyone, without signing in (the server serves it the app). */
const PUBLIC_PATH = '/cong-khai';
const isPublicPage = window.location.pathname.replace(/\/+$/, '') === PUBLIC_PATH;

registerServiceWorker();

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>{isPublicPage ? <PublicPage /> : <App />}</I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
