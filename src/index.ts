export { createNps } from './client';
export type { Nps, NpsEvents, ShowOptions, ShowResult } from './client';
export { categoryOf, npsScore } from './core/nps-score';
export { NpsError, isNpsError } from './core/errors';
export type { NpsErrorCode } from './core/errors';
export type {
  FollowUp,
  Messages,
  NpsOptions,
  Position,
  StageConfig,
  StageOptions,
  Thanks,
  ThanksFor,
  ThanksLink,
  Theme,
  Traits,
} from './core/options';
export type { PromptMessages, RenderedPrompt, Renderer, ResolvedStageOptions, Survey } from './core/renderer';
export type { Trigger, Triggers } from './core/trigger';
export type { SkipReason } from './core/eligibility';
export type { Json } from './core/json';
export type { Batch, BatchReply, Category, ResponseRecord, ResponseStatus } from './core/wire';
export type { FlushResult } from './outbox/outbox';
export { VERSION as version } from './core/version';
