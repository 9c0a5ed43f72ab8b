/// Search, dashboard (with its SVG chart partial) and the audit log.
extension PageTemplates {
    static let search = """
        {{> head}}
        <h1>Search</h1>
        <form method="get" action="/search" class="filters">
        <input name="q" id="search-q" value="{{q}}" placeholder="words from letters, e-mails and coupons" autofocus>
        <select name="kind"><option value="">all kinds</option>{{#kinds}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/kinds}}</select>
        <button type="submit">Search</button>
        </form>
        {{#searched}}
        <p>{{count}} document(s)</p>
        <ol class="hits" id="hits">
        {{#hits}}<li><a href="{{url}}">{{kind}} {{document}}</a>{{#case}} · case <a href="{{caseURL}}">{{case}}</a> ({{caseState}}){{/case}}{{#customer}} · customer {{customer}}{{/customer}} <small>{{path}}</small>
        <p class="snippet">{{#parts}}{{#match}}<mark>{{text}}</mark>{{/match}}{{^match}}{{text}}{{/match}}{{/parts}}</p></li>
        {{/hits}}
        </ol>
        {{/searched}}
        {{> foot}}
        """

    /// One bar chart as inline SVG; the labels are escaped text, the colours stylesheet classes.
    static let chart = """
        <figure class="chart">
        <figcaption>{{title}}</figcaption>
        {{#empty}}<p>Nothing yet.</p>{{/empty}}
        {{^empty}}
        <svg viewBox="0 0 {{width}} {{height}}" width="{{width}}" height="{{height}}" role="img" aria-label="{{title}}">
        {{#rows}}<text class="label" x="{{labelX}}" y="{{labelY}}" text-anchor="end">{{label}}</text>{{#bars}}<rect class="bar {{kind}}" x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"><title>{{value}}</title></rect>{{/bars}}<text class="note" x="{{noteX}}" y="{{labelY}}">{{note}}</text>
        {{/rows}}
        </svg>
        {{#hasLegend}}<p class="legend">{{#legend}}<span class="key {{kind}}"></span>{{label}} {{/legend}}</p>{{/hasLegend}}
        {{/empty}}
        </figure>
        """

    static let dashboard = """
        {{> head}}
        <h1>Dashboard</h1>
        <section id="last-run">
        <h2>Last run</h2>
        {{#run}}<p>Run {{id}}, started {{started}}, {{status}}: {{processed}} processed, {{skipped}} skipped, {{quarantined}} quarantined, {{deferred}} deferred, in {{seconds}} s ({{rate}} documents/s).</p>{{/run}}
        {{^run}}<p>No run yet: <code>mailroom scan</code> fills this in.</p>{{/run}}
        {{#kindChart}}{{> chart}}{{/kindChart}}
        {{#quarantineCount}}<p>{{quarantineCount}} file(s) quarantined in that run.</p>{{/quarantineCount}}
        <ul class="quarantine">{{#quarantine}}<li><code>{{path}}</code> ({{stage}}): {{reason}}</li>{{/quarantine}}</ul>
        {{#rateChart}}{{> chart}}{{/rateChart}}
        </section>
        <section id="backlog">
        <h2>Review backlog</h2>
        {{#backlog}}<p>{{fields}} field(s) in {{documents}} document(s) wait for review; the oldest for {{oldest}}.</p>{{/backlog}}
        {{#fieldChart}}{{> chart}}{{/fieldChart}}
        </section>
        <section id="sla">
        <h2>Cases by queue</h2>
        {{#deskProblem}}<p>Case figures need the routing rules: {{deskProblem}}.</p>{{/deskProblem}}
        {{#slaChart}}{{> chart}}{{/slaChart}}
        </section>
        {{> foot}}
        """

    static let audit = """
        {{> head}}
        <h1>Audit log</h1>
        <table class="list" id="audit">
        <thead><tr><th>When (UTC)</th><th>Who</th><th>Action</th><th>On</th></tr></thead>
        <tbody>
        {{#entries}}<tr><td>{{at}}</td><td>{{operator}}</td><td>{{action}}</td><td>{{target}}</td></tr>
        {{/entries}}
        </tbody>
        </table>
        {{> foot}}
        """
}
