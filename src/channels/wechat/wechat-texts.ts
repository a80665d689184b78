export const WECHAT_TEXTS = {
  welcome: {
    zh: '感谢关注！我是电力客服助手：停电、电费、账户问题直接发消息问我；需要人工请回复“转人工”。',
    en: 'Thanks for following! I am the power utility assistant: ask about outages, bills or your account; reply "agent" for a person.',
  },
  textOnly: {
    zh: '目前只能处理文字消息，请用文字描述您的问题。',
    en: 'I can only read text messages for now: please type your question.',
  },
} as const;
