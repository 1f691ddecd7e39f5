// Decap CMS starts itself as soon as it loads; ours must first register the formats, widgets
// and previews (bien-tap.js), then start it.
window.CMS_MANUAL_INIT = true;
