// HTML building for the console. Everything that comes from data (documents hold user text) goes
// through `escapeHtml`; the page's own markup is fixed strings only.

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** A query-string link; every part is encoded, and the result is safe inside an attribute. */
export function link(params: Readonly<Record<string, string | number | undefined>>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value))
  }
  return escapeHtml(`/console?${search.toString()}`)
}

export type Tab = 'collections' | 'outbox' | 'logs' | 'users'

const TABS: ReadonlyArray<readonly [Tab, string]> = [
  ['collections', '数据库'],
  ['outbox', '订阅消息发件箱'],
  ['logs', '函数日志'],
  ['users', '模拟用户'],
]

const STYLE = `
body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2329;background:#f5f6f7}
header{background:#0052d9;color:#fff;padding:12px 20px;display:flex;gap:24px;align-items:center}
header h1{font-size:18px;margin:0}
nav a{color:#dbe6ff;margin-right:16px;text-decoration:none}nav a.on{color:#fff;font-weight:600;border-bottom:2px solid #fff}
main{padding:16px 20px;display:flex;gap:16px;align-items:flex-start}
aside{min-width:220px;background:#fff;border-radius:6px;padding:8px 0}
aside a{display:flex;justify-content:space-between;padding:6px 14px;color:#1f2329;text-decoration:none}
aside a.on{background:#ecf2fe;color:#0052d9}
section{flex:1;background:#fff;border-radius:6px;padding:12px 16px;min-width:0}
pre{background:#f7f8fa;border:1px solid #e7e7e7;border-radius:4px;padding:8px;overflow:auto;font-size:12px;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eee;padding:6px;text-align:left;vertical-align:top}
.muted{color:#86909c}.pager a{margin-right:12px}.err{color:#d54941}
`

export function page(options: {
  readonly title: string
  readonly tab: Tab
  readonly envId: string
  readonly body: string
}): string {
  const nav = TABS.map(
    ([tab, label]) =>
      `<a href="${link({ tab })}"${tab === options.tab ? ' class="on"' : ''}>${escapeHtml(label)}</a>`,
  ).join('')
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · 云开发本地模拟器</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>云开发本地模拟器</h1><span class="muted">环境 ${escapeHtml(options.envId)}</span><nav>${nav}</nav>
<label style="margin-left:auto"><input type="checkbox" id="auto-refresh"> 每 3 秒刷新</label></header>
<main>${options.body}</main>
<script>
(function () {
  var box = document.getElementById('auto-refresh');
  box.checked = sessionStorage.getItem('console-auto-refresh') === '1';
  box.addEventListener('change', function () {
    sessionStorage.setItem('console-auto-refresh', box.checked ? '1' : '0');
  });
  setInterval(function () { if (box.checked) location.reload(); }, 3000);
})();
</script>
</body>
</html>
`
}
