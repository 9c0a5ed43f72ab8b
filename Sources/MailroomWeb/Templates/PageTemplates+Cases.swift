/// The case list, the case page and the document page.
extension PageTemplates {
    static let cases = """
        {{> head}}
        <h1>Cases</h1>
        <form method="get" action="/cases" class="filters">
        <label>Queue <select name="queue"><option value="">all</option>{{#queues}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/queues}}</select></label>
        <label>State <select name="state"><option value="">any</option>{{#states}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/states}}</select></label>
        <label><input type="checkbox" name="overdue" value="1"{{#overdue}} checked{{/overdue}}> overdue only</label>
        <label><input type="checkbox" name="mine" value="1"{{#mine}} checked{{/mine}}> mine only</label>
        <button type="submit">Filter</button>
        </form>
        <p>{{count}} case(s) · times in {{zone}}</p>
        {{#hasCases}}
        <table class="list" id="case-list">
        <thead><tr><th>Case</th><th>State</th><th>Queue</th><th>Agent</th><th>Customer</th><th>Subject</th><th>Reply due</th></tr></thead>
        <tbody>
        {{#cases}}<tr{{#overdue}} class="overdue"{{/overdue}}><td><a href="{{url}}">{{reference}}</a></td><td>{{state}}</td><td>{{queue}} / {{priority}}</td><td>{{assignee}}</td><td>{{customer}}</td><td>{{subject}} <small>({{topic}}; {{channels}})</small></td><td>{{due}}{{#overdue}} <strong class="late">overdue</strong>{{/overdue}}{{#dueSoon}} <span class="soon">due soon</span>{{/dueSoon}}{{#followUp}} <span class="soon">follow up</span>{{/followUp}}</td></tr>
        {{/cases}}
        </tbody>
        </table>
        {{/hasCases}}
        {{> foot}}
        """

    static let caseDetail = """
        {{> head}}
        {{#case}}
        <h1>{{reference}} · {{subject}}</h1>
        <p class="facts"><span class="state">{{state}}</span> · queue {{queue}} / {{priority}} · agent {{assignee}} · {{customer}} · topic {{topic}} · via {{channels}} · opened {{created}}{{#unit}} · unit {{unit}}{{/unit}}{{#overdue}} · <strong class="late">overdue</strong>{{/overdue}}{{#followUp}} · <span class="soon">follow up: the unit answered</span>{{/followUp}}</p>
        {{/case}}
        {{#hasClocks}}
        <table class="clocks"><tr>{{#clocks}}<td class="{{class}}"><strong>{{label}}</strong><br>due {{due}}<br>{{status}}</td>{{/clocks}}</tr></table>
        {{/hasClocks}}
        {{#mayAnything}}
        <section class="actions" id="actions">
        <h2>Actions</h2>
        {{#may.take}}<form method="post" action="{{case.base}}/take"><input type="hidden" name="csrf" value="{{operator.csrf}}"><button type="submit">Take it</button></form>{{/may.take}}
        {{#may.triage}}<form method="post" action="{{case.base}}/triage"><input type="hidden" name="csrf" value="{{operator.csrf}}"><button type="submit">Triage</button></form>{{/may.triage}}
        {{#may.assign}}<form method="post" action="{{case.base}}/assign"><input type="hidden" name="csrf" value="{{operator.csrf}}"><label>Agent <input name="agent" required></label><button type="submit">Assign</button></form>{{/may.assign}}
        {{#may.note}}<form method="post" action="{{case.base}}/note" id="note-form"><input type="hidden" name="csrf" value="{{operator.csrf}}"><label>Note <textarea name="text" id="note-text" rows="2" required></textarea></label><button type="submit" id="note-button">Add note</button></form>{{/may.note}}
        {{#may.forward}}<form method="post" action="{{case.base}}/forward"><input type="hidden" name="csrf" value="{{operator.csrf}}"><label>Unit <input name="unit" required></label><label>Answer by <input name="due" type="date" min="{{today}}" required></label><label>Question <input name="text"></label><button type="submit">Forward</button></form>{{/may.forward}}
        {{#may.unit_answered}}<form method="post" action="{{case.base}}/unit-answered"><input type="hidden" name="csrf" value="{{operator.csrf}}"><label>Unit's answer <textarea name="text" rows="2" required></textarea></label><button type="submit">Record answer</button></form>{{/may.unit_answered}}
        {{#may.reply}}<form method="post" action="{{case.base}}/reply"><input type="hidden" name="csrf" value="{{operator.csrf}}"><label>Reply to the customer <textarea name="text" rows="4" required></textarea></label><button type="submit">Send reply</button></form>{{/may.reply}}
        {{#may.close}}<form method="post" action="{{case.base}}/close"><input type="hidden" name="csrf" value="{{operator.csrf}}"><label>Reason <input name="text"></label><button type="submit">Close</button></form>{{/may.close}}
        {{#may.reopen}}<form method="post" action="{{case.base}}/reopen"><input type="hidden" name="csrf" value="{{operator.csrf}}"><label>Reason <input name="text"></label><button type="submit">Reopen</button></form>{{/may.reopen}}
        </section>
        {{/mayAnything}}
        <h2>Timeline <small>(times in {{zone}})</small></h2>
        <ol class="timeline" id="timeline">
        {{#events}}<li><span class="when">{{at}}</span> <strong>{{actor}}</strong> <em>{{kind}}</em> {{move}} <span class="event-text">{{text}}</span>{{#attachment}} <code>{{attachment}}</code>{{/attachment}}</li>
        {{/events}}
        </ol>
        <h2>Documents</h2>
        {{#documents}}
        <article class="document">
        <h3><a href="{{url}}">{{kind}} {{id}}</a> <small>{{path}} · linked by {{linkedBy}} {{linkedAt}}</small></h3>
        {{#pages}}<a href="{{src}}" target="_blank" rel="noopener"><img class="thumb" src="{{src}}" alt="page {{number}}" loading="lazy"></a>{{/pages}}
        {{#hasText}}<pre class="text">{{text}}</pre>{{/hasText}}
        </article>
        {{/documents}}
        {{> foot}}
        """

    static let document = """
        {{> head}}
        <h1>Document {{id}} <small>{{kind}}{{#form}} · form {{form}}{{/form}} · {{state}}</small></h1>
        <p class="path">{{path}}</p>
        <div class="page-view">
        {{#picture}}
        <svg class="page" viewBox="0 0 {{width}} {{height}}" width="{{width}}" role="img" aria-label="page 1 with field boxes">
        <image href="{{src}}" x="0" y="0" width="{{width}}" height="{{height}}"/>
        {{#boxes}}<rect class="{{class}}" x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"><title>{{name}}</title></rect>{{/boxes}}
        </svg>
        {{/picture}}
        {{^picture}}<p>No picture of this document (an e-mail, or the file has moved).</p>{{/picture}}
        {{#morePages}}<p><a href="{{src}}" target="_blank" rel="noopener">page {{number}}</a></p>{{/morePages}}
        </div>
        <table class="list fields">
        <thead><tr><th>Field</th><th>Type</th><th>Value</th><th>Read</th><th>Decision</th></tr></thead>
        <tbody>
        {{#fields}}<tr{{#chosen}} class="chosen"{{/chosen}}><td>{{name}}</td><td>{{type}}</td><td>{{value}}</td><td><code>{{raw}}</code></td><td>{{decision}} <small>{{reason}}</small></td></tr>
        {{/fields}}
        </tbody>
        </table>
        {{#hasText}}<h2>Text</h2><pre class="text">{{text}}</pre>{{/hasText}}
        {{> foot}}
        """
}
