import type { KeyboardEvent } from 'react';
import { usePopupStore, type PopupTab } from '@/lib/store/popup-store';

const TABS: { id: PopupTab; label: string }[] = [
  { id: 'portfolio', label: 'Portfolio' },
  { id: 'board', label: 'Subnets' },
  { id: 'tx-history', label: 'History' },
];

/** role=tablist; arrow keys, Home and End move between tabs. */
export function Tabs() {
  const tab = usePopupStore((s) => s.tab);
  const setTab = usePopupStore((s) => s.setTab);
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
    const target = TABS[next];
    if (!target) return;
    e.preventDefault();
    setTab(target.id);
    document.getElementById(`tab-${target.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Views" className="tabs">
      {TABS.map((t) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          role="tab"
          type="button"
          aria-selected={tab === t.id}
          aria-controls={`panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => setTab(t.id)}
          onKeyDown={onKey}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
