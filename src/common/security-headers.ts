import helmet from 'helmet';

/**
 * The response headers of every page and answer. The pages load nothing inline (scripts and
 * styles are files), so the CSP needs no 'unsafe-inline'. The widget is a script tag on a
 * utility's own site: its script and stylesheet must load cross-origin (CORP `cross-origin`),
 * and the configured sites (CORS_ORIGINS) may frame the full-page chat; nobody else may frame
 * any page.
 */
export function securityHeaders(allowedOrigins: readonly string[]) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'", ...allowedOrigins],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // frame-ancestors decides; X-Frame-Options cannot name other sites.
    xFrameOptions: allowedOrigins.length > 0 ? false : { action: 'sameorigin' },
  });
}

/** The API docs page (Swagger UI) styles itself inline: there, and only there, that is allowed. */
export function apiDocsHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
      },
    },
  });
}
