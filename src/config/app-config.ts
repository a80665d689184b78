import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Development and tests only: production refuses to start with it. */
export const DEV_PII_REF_SECRET = 'powerdesk-development-only-key';

/** Development and tests only: production refuses to start with it. */
export const DEV_PII_ENCRYPTION_KEY = 'powerdesk-development-only-encryption-key';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * The whole environment the service reads, validated once at boot. Nothing else reads
 * process.env: a missing or malformed variable stops the service with a message naming it.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// URI' })
  MONGODB_URI: string;

  @IsString()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URI' })
  REDIS_URL: string;

  /** Prefix of every Bull key in Redis, so tests and services can share one Redis. */
  @IsString()
  @Matches(/^[a-z0-9_:-]{1,40}$/i)
  QUEUE_PREFIX = 'powerdesk';

  /** socket.io's per-frame limit (its default is 1 MB); a frame above it closes the socket. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1048576)
  SOCKET_MAX_BYTES = 16384;

  /**
   * Bot turns running at once in one process; the others wait in order, none is refused.
   * Unbounded, a burst's turns crowd the event loop and the next customers' acks wait behind
   * them all (bench/chat/README.md has the figures).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  BOT_TURNS_AT_ONCE = 8;

  /**
   * Admission control per customer socket: messages at once, then per second on average; and
   * conversation starts at once, then per minute. Beyond them a command gets RATE_LIMITED.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  CHAT_MESSAGE_BURST = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  CHAT_MESSAGES_PER_SECOND = 2;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  CHAT_START_BURST = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  CHAT_STARTS_PER_MINUTE = 6;

  /**
   * Admission control per client address, shared by every instance through Redis: messages,
   * conversation starts and new customer sockets per minute (each bucket holds one minute's
   * allowance at once). Generous on purpose: one carrier-NAT address can front hundreds of
   * customers (docs/security.md).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  CHAT_IP_MESSAGES_PER_MINUTE = 1200;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  CHAT_IP_STARTS_PER_MINUTE = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  CHAT_IP_CONNECTIONS_PER_MINUTE = 300;

  /**
   * How many reverse proxies in front of the service add to X-Forwarded-For (express's
   * `trust proxy` hop count). 0: the header is ignored and the peer's address is the client's.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY = 0;

  /** Comma-separated browser origins allowed to open a socket; empty means same origin only. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  /** How often queued tickets in MongoDB are re-offered to Bull, in case Redis lost their jobs. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  TICKETS_RECONCILE_SECONDS = 60;

  /** How long an agent has to accept an offered ticket before it goes to the next agent. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  OFFER_TIMEOUT_SECONDS = 20;

  /**
   * An agent who declined a chat is not offered the same chat again for this long, even when
   * nobody else can take it (then it waits, and the customer is told). One who let an offer time
   * out is set away instead, and may get it again as soon as they are back online.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  OFFER_DECLINE_COOLDOWN_SECONDS = 120;

  /** How long a disconnected agent keeps their chats before they go back to the queue, in front. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  AGENT_GRACE_SECONDS = 60;

  /**
   * An agent's socket counts as connected for this long after its instance last vouched for it
   * (every third of it): an instance that dies takes its agents offline within this time.
   */
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(300)
  AGENT_PRESENCE_TTL_SECONDS = 15;

  /** Chats an agent handles at once unless their own profile says otherwise. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  DEFAULT_AGENT_CAPACITY = 3;

  /** First-response targets in seconds for priorities 0 (hazard), 1 (complaint), 2 (other). */
  @Matches(/^\d+,\d+,\d+$/, {
    message: 'SLA_FIRST_RESPONSE_SECONDS must be three numbers, e.g. 60,120,300',
  })
  SLA_FIRST_RESPONSE_SECONDS = '60,120,300';

  /** Resolution targets in seconds for priorities 0, 1, 2. */
  @Matches(/^\d+,\d+,\d+$/, {
    message: 'SLA_RESOLUTION_SECONDS must be three numbers, e.g. 900,1800,3600',
  })
  SLA_RESOLUTION_SECONDS = '900,1800,3600';

  /** A customer who escalates again this soon after their ticket was resolved gets it reopened. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10080)
  REOPEN_WINDOW_MINUTES = 30;

  /** When agents work, `HH:MM-HH:MM` in SERVICE_TIMEZONE; empty means around the clock. */
  @IsOptional()
  @Matches(/^$|^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, {
    message: 'SERVICE_HOURS must look like 08:00-20:00',
  })
  SERVICE_HOURS = '';

  // The service's one zone: reports' days, service hours, and every time customers are told. A
  // name Intl does not know would only fail later, in every bot answer with a time: refuse it here.
  @IsString()
  @Matches(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/, {
    message: 'SERVICE_TIMEZONE must be an IANA zone like Asia/Shanghai',
  })
  @IsTimeZone({ message: 'SERVICE_TIMEZONE must be an IANA zone like Asia/Shanghai' })
  SERVICE_TIMEZONE = 'Asia/Shanghai';

  // --- The customer widget's branding (GET /widget/branding): the utility's name in both
  // languages, the short text in its round logo, and its primary colour (a #rrggbb hex; the
  // widget picks readable text colours for it).
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  WIDGET_NAME_ZH = '国网在线客服';

  @IsString()
  @MinLength(1)
  @MaxLength(40)
  WIDGET_NAME_EN = 'Online service';

  @IsString()
  @MinLength(1)
  @MaxLength(4)
  WIDGET_LOGO_TEXT = '⚡';

  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'WIDGET_PRIMARY_COLOR must be a colour like #0b6e4f' })
  WIDGET_PRIMARY_COLOR = '#0b6e4f';
  // --- end of the widget block

  /** Conversations idle this long are anonymised (personal data removed); 0 turns it off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  RETENTION_DAYS = 365;

  /**
   * Key of the references (HMAC) by which search finds an account's conversations without the
   * number. Anyone with the key and the database could test every account number against them,
   * so it lives in the environment only.
   */
  @IsString()
  @MinLength(16)
  PII_REF_SECRET = DEV_PII_REF_SECRET;

  // --- NLU encoder cascade (docs/nlu.md). `auto`: on when scripts/ensure-encoder.sh has put the
  // model in NLU_ENCODER_DIR, except under NODE_ENV=test (each e2e app would pay ≈ 400 MB for it).
  @IsIn(['auto', 'on', 'off'])
  NLU_ENCODER: 'auto' | 'on' | 'off' = 'auto';

  @IsString()
  @MinLength(1)
  NLU_ENCODER_DIR = '.data/encoder';

  /** A message the encoder has not answered this soon gets the fast model's answer. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  NLU_ENCODER_DEADLINE_MS = 30;

  /** Messages waiting for the encoder beyond this many get the fast answer at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  NLU_ENCODER_QUEUE = 64;
  // --- end of the NLU encoder block

  /**
   * Secret (32+ characters, e.g. `openssl rand -hex 32`) from which the AES-256-GCM key of the
   * originals kept for audited unmasking is derived: a database dump without it holds no
   * personal number in clear.
   */
  @IsString()
  @MinLength(32)
  PII_ENCRYPTION_KEY = DEV_PII_ENCRYPTION_KEY;

  /** HMAC secret shared with the SMS gateway (docs/channels.md); empty turns the SMS channel off. */
  @IsString()
  SMS_WEBHOOK_SECRET = '';

  /** The token of the WeChat official account's server configuration; empty turns WeChat off. */
  @IsString()
  WECHAT_TOKEN = '';

  /** The official account's AppID and AppSecret, for the customer-service message API. */
  @IsString()
  WECHAT_APP_ID = '';

  @IsString()
  WECHAT_APP_SECRET = '';

  /** WeChat's API (a simulated server in the tests). */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'WECHAT_API_BASE must be an http(s) URL' })
  WECHAT_API_BASE = 'https://api.weixin.qq.com';

  /**
   * How long a WeChat push waits for the bot's answer to put it in the HTTP answer itself
   * (WeChat gives up after 5 s); a later answer goes through the message API.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(4500)
  WECHAT_PASSIVE_WAIT_MS = 4000;

  /**
   * On SIGTERM: how long readiness fails before the sockets are closed (so a load balancer that
   * probes readiness stops sending new clients first), and the most the drain may take in all
   * (turns in flight included) before the instance closes anyway.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  SHUTDOWN_DELAY_MS = 0;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120000)
  SHUTDOWN_GRACE_MS = 10000;
  // --- incidents (issue #16): grouping window, storm rate, records sync.
  /** Reports of one feeder (or district) this close together are one incident. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  INCIDENT_WINDOW_MINUTES = 60;

  /** Outage chats a minute for one incident that turn storm mode on. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  STORM_REPORTS_PER_MINUTE = 30;

  /**
   * How often open incidents are brought up to date from the outage records (and the records'
   * unplanned outages open incidents). 0: never (a utility without an outage-records feed; the
   * specs that script the records themselves). A long interval is no "off": Bull aligns repeats
   * to the clock, so 3600 still fires on the hour.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  INCIDENT_SYNC_SECONDS = 30;
  // --- end of the incidents block

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

/** Parses a `a,b,c` per-priority list (validated above) into numbers. */
export function perPriority(list: string): number[] {
  return list.split(',').map(Number);
}

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const known = Object.keys(new AppConfig());
  const picked: Record<string, string> = {};
  for (const key of [...known, 'MONGODB_URI', 'REDIS_URL']) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true });
  const lines = errors.map((e) => {
    const why = Object.values(e.constraints ?? {}).join('; ');
    return picked[e.property] === undefined
      ? `${e.property} is missing (${why})`
      : `${e.property} is invalid: ${why}`;
  });
  if (config.NODE_ENV === 'production' && config.PII_REF_SECRET === DEV_PII_REF_SECRET) {
    lines.push('PII_REF_SECRET is missing (production needs its own key, at least 16 characters)');
  }
  if (config.NODE_ENV === 'production' && config.PII_ENCRYPTION_KEY === DEV_PII_ENCRYPTION_KEY) {
    lines.push('PII_ENCRYPTION_KEY is missing (production needs its own key, 32+ characters)');
  }
  if (lines.length > 0) {
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
