// Sentences about reaching the worker: the Worker URL's shape, this page's policy, CORS, and the worker's answer.
// Shared by Settings and the notice on the main screen; both load them with their own chunk.
import type { AreaMessages } from '../dictionaries';

const messages: AreaMessages = {
  en: {
    'connection.problem.not_a_url': 'This is not a web address. Write the worker’s address, such as https://studio.example.workers.dev.',
    'connection.problem.not_https': 'The worker must use https:// (plain http:// only for localhost or 127.0.0.1 while developing).',
    'connection.problem.not_an_origin': 'Write only the worker’s address, such as https://studio.example.workers.dev, with nothing after it.',
    'connection.connected': 'Connected to {origin} ({mode}). Saved.',
    'connection.mode.live': 'this studio’s key',
    'connection.mode.demo': 'demo mode, sample videos',
    'connection.mode.byok': 'your own key',
    'connection.blocked_by_page': 'This page’s security policy does not allow connections to {origin}, so the browser will not send them. Rebuild the page with STUDIO_WORKER_URL={origin} npm run build:static, or use the worker this page was built for.',
    'connection.origin_not_allowed': 'The worker at {origin} answers, but not to pages from {pageOrigin}. Set ALLOWED_ORIGINS = "{pageOrigin}" in the worker’s settings and deploy it again.',
    'connection.unreachable': 'Nothing answered at {origin}. Check the address and that the worker is deployed.',
    'connection.refused': 'The worker at {origin} answered with an error ({status}): {message}',
    'connection.notSaved': 'Not saved: the studio keeps using {current}.',
    'connection.sameOrigin': 'this page’s own server',
    'connection.where': 'Settings → Worker URL',
  },
  'zh-CN': {
    'connection.problem.not_a_url': '这不是一个网址。请填写 Worker 的地址，例如 https://studio.example.workers.dev。',
    'connection.problem.not_https': 'Worker 必须使用 https://（仅在开发时可对 localhost 或 127.0.0.1 使用 http://）。',
    'connection.problem.not_an_origin': '只填写 Worker 的地址，例如 https://studio.example.workers.dev，后面不要带路径。',
    'connection.connected': '已连接到 {origin}（{mode}）。已保存。',
    'connection.mode.live': '使用本工作室的密钥',
    'connection.mode.demo': '演示模式，示例视频',
    'connection.mode.byok': '使用你自己的密钥',
    'connection.blocked_by_page': '本页面的安全策略不允许连接 {origin}，浏览器不会发送这些请求。请用 STUDIO_WORKER_URL={origin} npm run build:static 重新构建页面，或使用本页面构建时指定的 Worker。',
    'connection.origin_not_allowed': '{origin} 上的 Worker 有响应，但不接受来自 {pageOrigin} 的页面。请在 Worker 的设置中设置 ALLOWED_ORIGINS = "{pageOrigin}" 并重新部署。',
    'connection.unreachable': '{origin} 没有响应。请检查地址，并确认 Worker 已部署。',
    'connection.refused': '{origin} 上的 Worker 返回了错误（{status}）：{message}',
    'connection.notSaved': '未保存：工作室继续使用 {current}。',
    'connection.sameOrigin': '本页面自己的服务器',
    'connection.where': '设置 → Worker 地址',
  },
};
export default messages;
