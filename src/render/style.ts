/** The whole stylesheet, inlined in every page (no render-blocking request); its hash is in the CSP. */
export const CSS = `:root{color-scheme:light dark;--fg:#1a1a1a;--muted:#555;--bg:#fff;--rule:#ddd;--link:#0b4f9c}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--muted:#b0b0b0;--bg:#121212;--rule:#333;--link:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 Georgia,"Times New Roman",serif;overflow-wrap:break-word}
@media (min-width:48rem){body{font-size:1.125rem}}
a{color:var(--link)}
p{text-wrap:pretty}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
header,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid var(--rule);padding-top:1rem;padding-bottom:.5rem}
.site{font:700 1.25rem/1.2 system-ui,sans-serif;text-decoration:none;color:var(--fg)}
main{padding-top:1rem}
nav ol{list-style:none;margin:0;padding:0;font:.875rem system-ui,sans-serif;color:var(--muted)}
nav li{display:inline}
h1{font-size:clamp(1.75rem,1.2rem + 2vw,2.25rem);line-height:1.2;margin:.5rem 0}
h2{font-size:1.25rem;line-height:1.3;margin:2rem 0 .5rem}
h3{font-size:1.0625rem;line-height:1.3;margin:1.5rem 0 .5rem}
h1,h2,h3{text-wrap:balance}
.standfirst{font-size:1.1875rem;line-height:1.45;margin:.5rem 0}
.quote blockquote{margin:0;padding-left:1rem;border-left:3px solid var(--link);font-style:italic}
.quote figcaption{border:0;padding:0;margin-top:.5rem}
.embed{margin:1.5rem 0;padding:.75rem 1rem;border:1px solid var(--rule);border-radius:.25rem;font:.9375rem/1.4 system-ui,sans-serif}
.corrections{margin-top:2rem;font:.875rem/1.5 system-ui,sans-serif}.corrections h2{font-size:1rem;margin:0 0 .5rem}
time,.meta{color:var(--muted);font:.875rem system-ui,sans-serif}
figure{margin:1.5rem 0}
figure img{max-width:100%;height:auto}
figcaption{color:var(--muted);font:.875rem/1.45 system-ui,sans-serif;margin-top:.375rem}
.no-image figcaption{border-top:1px solid var(--rule);border-bottom:1px solid var(--rule);padding:.375rem 0}
.addresses,.share{margin-top:2rem;padding-top:1rem;border-top:1px solid var(--rule);font:.875rem/1.5 system-ui,sans-serif}
.addresses{color:var(--muted)}.addresses p{margin:0}
.addresses ul,.share ul,footer ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:0 1rem}
.share h2{font:700 .875rem system-ui,sans-serif;letter-spacing:.05em;margin:0}
.share a{display:inline-block;padding:.5rem 0}
.list{list-style:none;padding:0;margin:0}.list li{padding:1rem 0}.list li+li{border-top:1px solid var(--rule)}
.list a{font-size:1.25rem;line-height:1.3;font-weight:700;text-decoration:none}.list a:hover{text-decoration:underline}
.list .meta{margin:.5rem 0 0}
footer{border-top:1px solid var(--rule);margin-top:2rem;padding-top:1rem;padding-bottom:2rem;color:var(--muted);font:.875rem system-ui,sans-serif}
@media print{:root{--fg:#000;--muted:#444;--bg:#fff;--rule:#999;--link:#000}
.share,.skip,nav{display:none}body{font-size:11pt}header,main,footer{max-width:none}
h2{break-after:avoid}figure{break-inside:avoid}}`;
