/**
 * The whole stylesheet, inlined in every page (no render-blocking request); its hash is in the CSP.
 * Logical properties (`inline-start`, not `left`) so a right-to-left article lays out as a mirror.
 * Touch targets in menus and lists are at least 24 CSS px high (WCAG 2.2, 2.5.8).
 */
export const CSS = `:root{color-scheme:light dark;--fg:#1a1a1a;--muted:#555;--bg:#fff;--rule:#ddd;--link:#0b4f9c;--brand:#b3001b;--soft:#f4f4f4}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--muted:#b0b0b0;--bg:#121212;--rule:#333;--link:#8ab4f8;--brand:#ff6b7d;--soft:#1e1e1e}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 Georgia,"Times New Roman",serif;overflow-wrap:break-word}
@media (min-width:48rem){body{font-size:1.125rem}}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--link);outline-offset:2px}
p{text-wrap:pretty}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}
.bar,.menu ul,main,.foot{max-width:72rem;margin:0 auto;padding:0 1rem}
main{max-width:40rem;padding-top:1rem}main.wide{max-width:72rem}
.masthead{border-top:4px solid var(--brand);border-bottom:1px solid var(--rule);font-family:system-ui,sans-serif}
.bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;padding-top:.75rem;padding-bottom:.5rem}
.site{font:800 1.5rem/1.2 system-ui,sans-serif;text-decoration:none;color:var(--brand);padding:.25rem 0}
.find{display:flex;gap:.25rem;flex:1 1 12rem;max-width:20rem}
.find input{flex:1;min-width:0;font:inherit;font-size:1rem;padding:.375rem .5rem;border:1px solid var(--muted);border-radius:.25rem;background:var(--bg);color:var(--fg)}
button{font:600 1rem system-ui,sans-serif;padding:.375rem .75rem;border:1px solid var(--link);border-radius:.25rem;background:var(--link);color:var(--bg);cursor:pointer}
.menu ul{list-style:none;display:flex;flex-wrap:wrap;gap:0 1.25rem;padding-bottom:.25rem}
.menu a,.crumbs a,.foot a,.tags a,.share a{display:inline-block;padding:.3125rem 0;min-height:1.5rem}
.menu a{font-weight:600;text-decoration:none;color:var(--fg);border-bottom:3px solid transparent}
.menu a:hover,.menu a[aria-current]{border-bottom-color:var(--brand)}
.crumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;font:.875rem system-ui,sans-serif}
.crumbs span{color:var(--muted);white-space:pre}
h1{font-size:clamp(1.75rem,1.2rem + 2vw,2.5rem);line-height:1.15;margin:.5rem 0}
h2{font-size:1.25rem;line-height:1.3;margin:2rem 0 .5rem}
h3{font-size:1.0625rem;line-height:1.3;margin:0}
h1,h2,h3{text-wrap:balance}
.standfirst{font-size:1.1875rem;line-height:1.45;margin:.5rem 0}
.quote blockquote{margin:0;padding-inline-start:1rem;border-inline-start:3px solid var(--link);font-style:italic}
.quote figcaption{border:0;padding:0;margin-top:.5rem}
.embed{margin:1.5rem 0;padding:.75rem 1rem;border:1px solid var(--rule);border-radius:.25rem;font:.9375rem/1.4 system-ui,sans-serif}
.corrections{margin-top:2rem;font:.875rem/1.5 system-ui,sans-serif}.corrections h2{font-size:1rem;margin:0 0 .5rem}
time,.meta{color:var(--muted);font:.875rem/1.5 system-ui,sans-serif}
.byline{margin:.75rem 0 1rem}
figure{margin:1.5rem 0}
img{max-width:100%;height:auto}
figcaption{color:var(--muted);font:.875rem/1.45 system-ui,sans-serif;margin-top:.375rem}
.no-image figcaption{border-top:1px solid var(--rule);border-bottom:1px solid var(--rule);padding:.375rem 0}
.addresses,.share,.more-in{margin-top:2rem;padding-top:1rem;border-top:1px solid var(--rule);font:.875rem/1.5 system-ui,sans-serif}
.addresses{color:var(--muted)}.addresses p{margin:0}
.addresses ul,.share ul,.foot ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:0 1rem}
.share h2,.more-in h2{font:700 .875rem system-ui,sans-serif;letter-spacing:.05em;margin:0 0 .5rem;text-transform:uppercase}
.cards{list-style:none;padding:0;margin:0}.cards li{padding:.75rem 0}.cards li+li{border-top:1px solid var(--rule)}
.card.pic{display:grid;grid-template-columns:1fr 6rem;grid-auto-flow:dense;gap:0 .75rem;align-items:start}
.card.pic>*{grid-column:1}.card.pic img{grid-column:2;grid-row:1/span 3}
.card img{width:6rem;aspect-ratio:3/2;object-fit:cover;background:var(--soft)}
.card h2,.card h3{font-size:1.125rem;line-height:1.3;margin:0}
.card a,.lead a{text-decoration:none}.card a:hover,.lead a:hover{text-decoration:underline}
.card .meta,.dek{margin:.25rem 0 0}.dek{font-size:1rem;line-height:1.45}
.lead img{display:block;width:100%;background:var(--soft)}
.lead h2{font-size:clamp(1.5rem,1.1rem + 1.5vw,2.125rem);line-height:1.2;margin:.75rem 0 .25rem}
.latest h2,.blocks h2,.more h2{font:700 1rem system-ui,sans-serif;text-transform:uppercase;letter-spacing:.05em;margin:1.5rem 0 .25rem;padding-bottom:.25rem;border-bottom:3px solid var(--brand)}
.blocks h2 a{color:var(--fg);text-decoration:none}
.blocks{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:0 2rem}
.pages{display:flex;justify-content:space-between;margin:2rem 0}.pages a{display:inline-block;padding:.5rem 0}
@media (min-width:48rem){.card.pic{grid-template-columns:1fr 8rem}.card img{width:8rem}}
@media (min-width:64rem){.top{display:grid;grid-template-columns:2fr 1fr;gap:2rem}.latest h2{margin-top:0}}
.foot{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--rule);color:var(--muted);font:.875rem/1.5 system-ui,sans-serif}
.foot h2{font:700 .875rem system-ui,sans-serif;margin:1rem 0 .25rem;color:var(--fg)}
.tree{display:grid!important;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr))}.tree ul{display:block}
.cols{display:flex;flex-wrap:wrap;gap:0 3rem}
@media print{:root{--fg:#000;--muted:#444;--bg:#fff;--rule:#999;--link:#000;--brand:#000}
.share,.skip,.menu,.find,.crumbs,.foot,.more-in{display:none}body{font-size:11pt}main,main.wide{max-width:none}
h2{break-after:avoid}figure{break-inside:avoid}}`;
