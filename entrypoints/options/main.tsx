import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options/OptionsApp';
import '@/assets/popup.css';
import { PAGE_TOKENS_CSS } from '@/lib/page-ui/tokens';

document.head.append(Object.assign(document.createElement('style'), { textContent: PAGE_TOKENS_CSS }));
createRoot(document.getElementById('root')!).render(<OptionsApp />);
