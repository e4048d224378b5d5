import * as reporter from '../telemetry/reporter';
import { registerPart } from './load';

/* The entry of dist/consent-relay.reporter.js: the telemetry reporter, fetched once telemetry may run. */
registerPart('reporter', reporter);
