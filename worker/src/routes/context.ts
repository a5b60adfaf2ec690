import type { Env } from '../env';
import type { Target, TargetDeps } from '../http/target';

export interface RouteContext {
  request: Request;
  env: Env;
  target: Target;
  deps: TargetDeps;
}
