// nps-widget: the ESM entry. Hand-picked exports only.
export { createNps } from './client/create-nps';
export { categoryOf, npsScore } from './core/nps-score';
export { NpsError, isNpsError } from './core/errors';
export { VERSION as version } from './core/version';
export type {
  Batch,
  BatchReply,
  Category,
  FlushResult,
  FollowUp,
  Json,
  Messages,
  Nps,
  NpsErrorCode,
  NpsEvents,
  NpsOptions,
  Position,
  PromptMessages,
  RenderedPrompt,
  Renderer,
  ResolvedStageOptions,
  ResponseRecord,
  ResponseStatus,
  ShowOptions,
  ShowResult,
  SkipReason,
  StageConfig,
  StageOptions,
  Survey,
  Thanks,
  ThanksFor,
  ThanksLink,
  Theme,
  Traits,
  Trigger,
  Triggers,
} from './core/public-types';
