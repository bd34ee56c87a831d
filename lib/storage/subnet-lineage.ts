/** The registration block each netuid's recorded history belongs to (lib/history/subnet-lineage.ts). */
import { storage } from '@wxt-dev/storage';
import { decodeRegistrations, type Registrations } from '../history/subnet-lineage';

const registrationsItem = storage.defineItem<unknown>('local:subnetRegistrations', { fallback: null });

export const loadRegistrations = async (): Promise<Registrations> => decodeRegistrations(await registrationsItem.getValue());
export const saveRegistrations = (r: Registrations): Promise<void> => registrationsItem.setValue(r);
