// nps-widget/collector: the server side. Hand-picked exports only.
export { createCollector, COLLECTOR_PATHS } from './create-collector';
export type { CollectorOptions, Collector, RequestInfo } from './create-collector';
export { openDatabase } from './open-database';
export type { DatabaseOptions } from './open-database';
export type { Database, Query } from './database';
export { DataDirLockedError } from './data-dir-lock';
export { migrate } from './migrate';
export { createResponseStore } from './response-store';
export type { ResponseStore, BaseStats, ListedResponse, FollowUpState } from './response-store';
export type { StatsFilter, ListFilter } from './read-filter';
export type { Rejection } from './validate-batch';
export type { RateLimit } from './rate-limiter';
export { toNodeListener } from './to-node-listener';
export type { NodeListenerOptions } from './to-node-listener';
export { SECURITY_HEADERS } from './security-headers';
export type { StoredResponse, StatsReply, ResponsesReply } from './api-types';
export type { NpsFigures } from '../core/nps-figures';
export type { ResponseRecord, Batch, BatchReply } from '../core/wire';
