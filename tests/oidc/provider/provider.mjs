// A real OpenID Connect provider (panva's oidc-provider, OpenID-certified) on loopback, for
// Samhandling's login tests and the local demo. Configured by one JSON document, given as the first
// argument or in OIDC_TEST_PROVIDER_CONFIG:
//
//   {"port": 0, "autoLogin": true, "account": "alta-1", "clients": [
//     {"profile": "idporten", "client_id": "...", "redirect_uris": ["..."], "jwks": {"keys": [...]},
//      "post_logout_redirect_uris": [...], "frontchannel_logout_uri": "...",
//      "backchannel_logout_uri": "..."}]}
//
// Profiles (what each Norwegian provider demands, ../../../README.md "Public login"):
//   idporten      PKCE S256, PAR, private_key_jwt, pairwise sub, acr idporten-loa-substantial/high,
//                 RP-initiated, front-channel and back-channel logout
//   helseid       as idporten, and DPoP-bound access tokens required
//   ansattporten  as idporten, and rich authorization requests (authorization_details) of type
//                 ansattporten:altinn:service answered with the organisations the person acts for
// A client may set "token_endpoint_auth_method": "client_secret_basic" and "client_secret", and
// "subject_type": "public" (the demo, whose redirect URIs are on several host names).
//
// Login and consent need no browser: with "autoLogin" the interaction logs in the account set by
// POST /_test/next-login ({"account": "...", "acr": "..."}; acr null leaves it out), else a small
// form asks for it. POST /_test/tamper ({"aud": ..., "iss": ..., "exp_offset": ...}) re-signs the
// next ID token with the provider's own key after changing those claims (a misbehaving provider).
// Prints "READY <issuer>" on stdout once it listens.
import crypto from 'node:crypto';

import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK } from 'jose';
import Provider from 'oidc-provider';

const raw = process.argv[2] || process.env.OIDC_TEST_PROVIDER_CONFIG || '{}';
const config = JSON.parse(raw);
const host = config.host || '127.0.0.1';
const port = Number(config.port || 0);
const ACR_VALUES = ['idporten-loa-substantial', 'idporten-loa-high'];
const RAR_TYPE = 'ansattporten:altinn:service';

// The accounts: every id is valid; a few carry organisations (Ansattporten) and a fake national
// identity number (`pid`), which the client must never store.
const ORGANISATIONS = config.organisations || {};
const nextLogin = { account: config.account || 'demo-person', acr: config.acr === undefined ? 'idporten-loa-substantial' : config.acr };
let tamper = null;

const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await exportJWK(privateKey)), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };
void publicKey;

function clientMetadata(client) {
  const profile = client.profile || 'idporten';
  const metadata = {
    client_id: client.client_id,
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris || [],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    subject_type: client.subject_type || 'pairwise',
    token_endpoint_auth_method: client.token_endpoint_auth_method || 'private_key_jwt',
    id_token_signed_response_alg: 'RS256',
  };
  if (metadata.token_endpoint_auth_method === 'private_key_jwt') {
    metadata.jwks = client.jwks;
    metadata.token_endpoint_auth_signing_alg = client.token_endpoint_auth_signing_alg || 'RS256';
  } else {
    metadata.client_secret = client.client_secret;
  }
  if (client.frontchannel_logout_uri) {
    metadata.frontchannel_logout_uri = client.frontchannel_logout_uri;
    metadata.frontchannel_logout_session_required = true;
  }
  if (client.backchannel_logout_uri) {
    metadata.backchannel_logout_uri = client.backchannel_logout_uri;
    metadata.backchannel_logout_session_required = true;
  }
  if (profile === 'idporten' && client.require_par !== false) metadata.require_pushed_authorization_requests = true;
  if (profile === 'helseid') metadata.dpop_bound_access_tokens = true;
  if (profile === 'ansattporten') metadata.authorization_details_types = [RAR_TYPE];
  return metadata;
}

const configuration = {
  clients: (config.clients || []).map(clientMetadata),
  jwks: { keys: [signingJwk] },
  // Lax: the provider runs on plain http on loopback, where a browser drops SameSite=None cookies.
  cookies: {
    keys: [crypto.randomBytes(32).toString('hex')],
    long: { httpOnly: true, sameSite: 'lax' },
    short: { httpOnly: true, sameSite: 'lax' },
  },
  acrValues: ACR_VALUES,
  subjectTypes: ['public', 'pairwise'],
  pairwiseIdentifier(ctx, accountId, client) {
    // per client, as ID-porten does (the spec allows per sector)
    return crypto.createHash('sha256').update(`${client.clientId}|${accountId}|samhandling-test`).digest('hex');
  },
  claims: { openid: ['sub', 'pid'], profile: ['name'] },
  conformIdTokenClaims: false, // the scope's claims (pid) in the ID token, as ID-porten does
  discovery: { frontchannel_logout_supported: true, frontchannel_logout_session_supported: true },
  extraClientMetadata: { properties: ['frontchannel_logout_uri', 'frontchannel_logout_session_required'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, pid: '01017012345', name: `Test ${id}` };
      },
    };
  },
  pkce: { methods: ['S256'], required: () => true },
  ttl: { IdToken: config.idTokenTTL || 3600, AccessToken: 120, Session: 1800, Interaction: 600, Grant: 1800 },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    pushedAuthorizationRequests: { enabled: true },
    dPoP: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log out</title></head>
<body><main><h1>Log out of the test provider?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, log me out</button>
</main></body></html>`;
      },
    },
    backchannelLogout: { enabled: true },
    // Rich authorization requests need a resource server for their access token (RFC 8707).
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx) => (ctx.oidc.params?.authorization_details ? 'https://samhandling.test/api' : undefined),
      getResourceServerInfo: () => ({ scope: '', audience: 'samhandling-api', accessTokenTTL: 120, accessTokenFormat: 'opaque' }),
      useGrantedResource: () => true,
    },
    richAuthorizationRequests: {
      enabled: true,
      ack: 'experimental-01',
      types: {
        [RAR_TYPE]: {
          validate(ctx, detail) {
            if (typeof detail.resource !== 'string' || !detail.resource) {
              throw new Error('authorization_details: resource required');
            }
          },
        },
      },
      rarForAuthorizationCode: (ctx) => ctx.oidc.grant.rar,
      rarForCodeResponse: (ctx) => ctx.oidc.authorizationCode.rar,
      rarForRefreshTokenResponse: (ctx) => ctx.oidc.refreshToken.rar,
      rarForIntrospectionResponse: (ctx, token) => token.rar,
    },
  },
};

const issuer = config.issuer || `http://${host}:${port}`;
const provider = new Provider(issuer, configuration);
provider.proxy = false;
provider.on('server_error', (ctx, error) => console.error('server_error', error));
provider.on('backchannel.error', (ctx, error, client) => console.error('backchannel.error', client.clientId, error.message));

function html(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${body}</main></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString();
  if ((req.headers['content-type'] || '').includes('json')) return JSON.parse(text || '{}');
  return Object.fromEntries(new URLSearchParams(text));
}

// Test controls, login/consent interactions and front-channel logout, before the provider's routes.
provider.use(async (ctx, next) => {
  if (ctx.path === '/_test/next-login' && ctx.method === 'POST') {
    const body = await readForm(ctx.req);
    nextLogin.account = body.account || nextLogin.account;
    nextLogin.acr = body.acr === undefined ? 'idporten-loa-substantial' : body.acr;
    ctx.body = { ok: true };
    return;
  }
  if (ctx.path === '/_test/tamper' && ctx.method === 'POST') {
    const body = await readForm(ctx.req);
    tamper = Object.keys(body).length ? body : null;
    ctx.body = { ok: true };
    return;
  }
  const match = ctx.path.match(/^\/interaction\/([\w-]+)$/);
  if (match) {
    await interaction(ctx);
    return;
  }
  if (ctx.path === '/session/end/confirm' && ctx.method === 'POST') {
    await frontchannelAfterLogout(ctx, next);
    return;
  }
  await next();
  if (ctx.path === '/token' && tamper && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: await retamper(ctx.body.id_token) };
    tamper = null;
  }
});

async function retamper(idToken) {
  const claims = decodeJwt(idToken);
  const header = decodeProtectedHeader(idToken);
  if (tamper.aud) claims.aud = tamper.aud;
  if (tamper.iss) claims.iss = tamper.iss;
  if (tamper.exp_offset !== undefined) {
    const now = Math.floor(Date.now() / 1000);
    claims.exp = now + Number(tamper.exp_offset);
    claims.iat = Math.min(claims.iat, claims.exp - 60);
  }
  const key = await importJWK(signingJwk, 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: header.alg, kid: header.kid, typ: header.typ }).sign(key);
}

async function interaction(ctx) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const { prompt, params, session } = details;
  if (prompt.name === 'login') {
    let account = nextLogin.account;
    let acr = nextLogin.acr;
    if (!config.autoLogin) {
      if (ctx.method !== 'POST') {
        ctx.type = 'html';
        ctx.body = html('Test provider: log in', `<h1>Test provider (not a real identity provider)</h1>
<form method="post"><p><label>Account <input name="account" value="${account}" autocomplete="off"></label></p>
<p><label>Level <select name="acr"><option>idporten-loa-substantial</option><option>idporten-loa-high</option></select></label></p>
<p><button type="submit">Log in</button></p></form>`);
        return;
      }
      const form = await readForm(ctx.req);
      account = String(form.account || account).replace(/[^\w.-]/g, '');
      acr = form.acr || acr;
    }
    const login = { accountId: account, amr: ['pwd'], remember: true };
    if (acr) login.acr = acr;
    await provider.interactionFinished(ctx.req, ctx.res, { login }, { mergeWithLastSubmission: false });
    ctx.respond = false;
    return;
  }
  // consent: grant what was asked, and the organisations the account may act for
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  const missing = prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  if (missing.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  for (const detail of missing.rar || []) {
    const orgs = ORGANISATIONS[session.accountId] || [];
    grant.addRar({
      ...detail,
      authorized_parties: orgs.map((orgno) => ({ orgno: { authority: 'iso6523-actorid-upis', ID: `0192:${orgno}` }, name: `Org ${orgno}` })),
    });
  }
  const grantId = await grant.save();
  await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  ctx.respond = false;
}

// Front-channel logout (OpenID Connect Front-Channel Logout 1.0), which oidc-provider 8 no longer
// ships: after the session ended, a page with an iframe per client that was logged in, then on to
// where the provider was going to send the browser.
async function frontchannelAfterLogout(ctx, next) {
  const session = await provider.Session.get(ctx);
  const frames = [];
  for (const [clientId, authorization] of Object.entries(session.authorizations || {})) {
    const client = await provider.Client.find(clientId);
    const uri = client && client.metadata().frontchannel_logout_uri;
    if (uri) {
      const url = new URL(uri);
      url.searchParams.set('iss', issuer);
      url.searchParams.set('sid', authorization.sid);
      frames.push(url.href);
    }
  }
  await next();
  if (!frames.length || ctx.status !== 303) return;
  const location = ctx.response.get('location');
  ctx.status = 200;
  ctx.remove('location');
  ctx.type = 'html';
  const escaped = location.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  ctx.body = html('Logged out', `<h1>Logged out</h1>
${frames.map((src) => `<iframe title="logout" data-frontchannel-logout src="${src.replace(/&/g, '&amp;')}" width="1" height="1"></iframe>`).join('\n')}
<p><a id="continue" href="${escaped}">Continue</a></p>
<meta http-equiv="refresh" content="2;url=${escaped}">`);
}

const server = provider.listen(port, host, () => {
  const address = server.address();
  const actual = config.issuer || `http://${host}:${address.port}`;
  if (actual !== issuer) {
    // port 0: the issuer is only known now; start again would race, so the caller passes a port
    console.error(`issuer ${issuer} does not match the port ${address.port}; pass "port"`);
  }
  console.log(`READY ${issuer}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
