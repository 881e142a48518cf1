import { VERSION } from '../core/version';
import type { ResponseRecord } from '../core/wire';
import type { SurveyContext } from './survey-context';

/** An ISO 8601 time. */
export const iso = (t: number): string => new Date(t).toISOString();

/** The survey's first version: `shown`, now. */
export function firstVersion(context: SurveyContext): ResponseRecord {
  const shownAt = iso(context.now());
  return {
    id: context.id,
    status: 'shown',
    userId: context.userId,
    anonymousId: context.anonymousId,
    traits: context.traits,
    stage: context.stage,
    metadata: context.metadata,
    locale: context.locale,
    page: context.page,
    shownAt,
    updatedAt: shownAt,
    sdk: `nps-widget@${VERSION}`,
  };
}

/**
 * The version after `record`, changed by `patch`: strictly newer than it (a server keeps the
 * greatest `updatedAt`), even when the clock has not moved on or went back.
 */
export function nextVersion(record: ResponseRecord, patch: Partial<ResponseRecord>, now: number): ResponseRecord {
  return { ...record, ...patch, updatedAt: iso(Math.max(now, Date.parse(record.updatedAt) + 1)) };
}
