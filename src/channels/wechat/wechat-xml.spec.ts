import { verifySms, signSms } from '../sms/sms-signature';
import { verifyWechat, wechatSignature } from './wechat-signature';
import { buildWechatText, parseWechatPush } from './wechat-xml';

describe('WeChat pushes', () => {
  it('reads a text message', () => {
    const push = parseWechatPush(
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o-1]]></FromUserName>' +
        '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
        '<Content><![CDATA[停电了 <b>急</b>]]></Content><MsgId>123</MsgId></xml>',
    );
    expect(push).toEqual({
      toUser: 'gh_1',
      fromUser: 'o-1',
      createTime: 1700000000,
      msgType: 'text',
      content: '停电了 <b>急</b>',
      msgId: '123',
    });
  });

  it.each([
    '<xml><ToUserName>a</ToUserName>',
    'not xml at all',
    '<other><FromUserName>o</FromUserName></other>',
    '<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><FromUserName>&a;&a;</FromUserName></xml>',
  ])('refuses what is not a WeChat message: %s', (xml) => {
    expect(parseWechatPush(xml)).toBeNull();
  });

  it('builds a passive reply that survives CDATA-breaking text', () => {
    const xml = buildWechatText('o-1', 'gh_1', 'a ]]> b');
    expect(xml).toContain('<ToUserName><![CDATA[o-1]]></ToUserName>');
    expect(parseWechatPush(xml)?.content).toBe('a ]]> b');
  });
});

describe('signatures', () => {
  it('checks WeChat’s sha1 over the sorted token, timestamp and nonce', () => {
    const signature = wechatSignature('tok', '1700000000', 'abc');
    expect(verifyWechat('tok', { signature, timestamp: '1700000000', nonce: 'abc' })).toBe(true);
    expect(verifyWechat('tok', { signature, timestamp: '1700000001', nonce: 'abc' })).toBe(false);
    expect(verifyWechat('tok', { timestamp: '1', nonce: 'abc' })).toBe(false);
  });

  it('checks the SMS gateway’s HMAC and refuses a replay from long ago', () => {
    const body = Buffer.from('{"messageId":"1"}');
    const sig = signSms('secret', '1700000000', body);
    expect(verifySms('secret', '1700000000', sig, body, 1700000100)).toBe('ok');
    expect(verifySms('secret', '1700000000', sig, Buffer.from('{}'), 1700000100)).toBe('bad');
    expect(verifySms('secret', '1700000000', sig, body, 1700009999)).toBe('stale');
    expect(verifySms('secret', undefined, sig, body)).toBe('missing');
  });
});
