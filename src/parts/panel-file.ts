import * as panel from '../ui/panel';
import { registerPart } from './load';

/* The entry of dist/consent-relay.panel.js: the preferences panel, fetched beside the drop-in when it is needed. */
registerPart('panel', panel);
