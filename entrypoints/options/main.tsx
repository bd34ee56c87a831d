import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options/OptionsApp';
import '@/assets/popup.css';

createRoot(document.getElementById('root')!).render(<OptionsApp />);
