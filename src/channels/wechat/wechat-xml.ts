import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** What PowerDesk reads of a WeChat push (text messages and subscription events). */
export interface WechatPush {
  toUser: string;
  fromUser: string;
  createTime: number;
  msgType: string;
  content?: string;
  msgId?: string;
  event?: string;
}

const parser = new XMLParser({
  // Entities are not expanded: an XML bomb stays text.
  processEntities: false,
  parseTagValue: false,
  trimValues: true,
});

const builder = new XMLBuilder({ cdataPropName: '__cdata' });

/** Parses a push; null for anything that is not a well-formed `<xml>` message. */
export function parseWechatPush(xml: string): WechatPush | null {
  if (XMLValidator.validate(xml) !== true) return null;
  const doc = parser.parse(xml) as { xml?: Record<string, unknown> };
  const x = doc.xml;
  if (!x || typeof x !== 'object') return null;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const push: WechatPush = {
    toUser: str(x.ToUserName),
    fromUser: str(x.FromUserName),
    createTime: Number(str(x.CreateTime)) || 0,
    msgType: str(x.MsgType),
    ...(x.Content !== undefined && { content: str(x.Content) }),
    ...(x.MsgId !== undefined && { msgId: str(x.MsgId) }),
    ...(x.Event !== undefined && { event: str(x.Event).toLowerCase() }),
  };
  return push.fromUser && push.toUser && push.msgType ? push : null;
}

/** The passive reply: a text message back to the customer, in the HTTP answer itself. */
export function buildWechatText(toUser: string, fromUser: string, content: string): string {
  return builder.build({
    xml: {
      ToUserName: { __cdata: toUser },
      FromUserName: { __cdata: fromUser },
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: { __cdata: 'text' },
      Content: { __cdata: content },
    },
  }) as string;
}
