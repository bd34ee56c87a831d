import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import '@/assets/popup.css';

createRoot(document.getElementById('root')!).render(<PopupApp />);
