import { storage } from '@wxt-dev/storage';
import { defaultAlertSettings, type AlertSettings, type AlertState } from '../alerts/rules';

/** The user's alert rules (options page); off by default. */
export const alertSettingsItem = storage.defineItem<AlertSettings>('local:alertSettings', { fallback: defaultAlertSettings });
/** Each rule's baseline, last notice and held notice, so a worker restart neither repeats nor forgets. */
export const alertStateItem = storage.defineItem<AlertState>('local:alertState', { fallback: {} });
/** The day Chutes' published past days were last read for backfill. */
export const backfillDayItem = storage.defineItem<string | null>('local:networkBackfillDay', { fallback: null });
/** Set when an alert or the $TAO card asks for a view: the popup opens on it and clears it. */
export const openViewHintItem = storage.defineItem<'network' | number | null>('local:openViewHint', { fallback: null });
