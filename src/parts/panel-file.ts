import { renderPanel, unmountPanel } from '../ui/panel';
import { registerPart } from './load';

/* The entry of dist/consent-relay.panel.js: the preferences panel, fetched beside the drop-in when it is needed. */
// The two functions, not `import * as`: a namespace object would be bundled as a frozen module record (39 B gzip).
registerPart('panel', { renderPanel, unmountPanel });
