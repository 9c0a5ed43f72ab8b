import Mustache

/// The station's HTML templates, kept in Swift so the build needs no resource bundle.
///
/// Every value goes through `{{ }}`, which HTML-escapes `< > & " '`; no template uses the
/// unescaped `{{{ }}}` form. Scripts and styles are separate files (``StaticAssets``), so the
/// Content-Security-Policy can forbid inline script.
enum PageTemplates {
    static let head = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Mailroom</title>
        <link rel="stylesheet" href="/static/station.css">
        </head>
        <body>
        <header>
        <strong>Mailroom</strong>
        {{#operator}}
        <nav>
        {{#mayReview}}<a href="/review">Review</a>{{/mayReview}}
        {{#mayWorkCases}}<a href="/cases">Cases</a> <a href="/search">Search</a>{{/mayWorkCases}}
        {{#maySeeDashboard}}<a href="/dashboard">Dashboard</a>{{/maySeeDashboard}}
        {{#maySeeAudit}}<a href="/audit">Audit</a>{{/maySeeAudit}}
        </nav>
        <form method="post" action="/logout" class="logout">
        <span>{{name}} ({{role}})</span>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Log out</button>
        </form>
        {{/operator}}
        </header>
        <main>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#warning}}<p class="warning" role="alert">{{warning}}</p>{{/warning}}
        """

    static let foot = """
        </main>
        </body>
        </html>
        """

    static let login = """
        {{> head}}
        <h1>Log in</h1>
        <form method="post" action="/login" class="login">
        <input type="hidden" name="csrf" value="{{loginToken}}">
        <label>Name <input name="name" autocomplete="username" required autofocus value="{{name}}"></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Log in</button>
        </form>
        {{> foot}}
        """

    static let review = """
        {{> head}}
        {{#entry}}
        <h1>Document {{documentID}} · <span class="field-name">{{field}}</span> <small>[{{type}}]</small></h1>
        <p class="path">{{path}}{{#formID}} · form {{formID}}{{/formID}}{{#source}} · cut from {{source}}{{/source}}</p>
        {{#hasReasons}}<ul class="reasons">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul>{{/hasReasons}}
        <div class="crop">{{#hasBox}}<img src="{{cropURL}}" alt="scan of field {{field}}">{{/hasBox}}{{^hasBox}}<p>No picture of this field.</p>{{/hasBox}}</div>
        <p><a href="{{pageURL}}" id="whole-page" target="_blank" rel="noopener">Whole page, field highlighted</a></p>
        <p class="raw">Read: <code>{{raw}}</code>{{#earlierDecision}} · earlier decision: <code>{{earlierDecision}}</code>{{/earlierDecision}}</p>
        <form method="post" action="/review/decide" id="decide" data-digits="{{digitField}}">
        <input type="hidden" name="csrf" value="{{operator.csrf}}">
        <input type="hidden" name="document" value="{{documentID}}">
        <input type="hidden" name="field" value="{{field}}">
        <input type="hidden" name="shown" value="{{suggestion}}">
        <input type="hidden" name="action" value="accept" id="action">
        <input type="hidden" name="choice" value="" id="choice">
        <input type="hidden" name="skip" value="{{skip}}">
        <label>Value <input name="value" id="value" value="{{typed}}" data-suggestion="{{suggestion}}" data-document="{{documentID}}" data-field="{{field}}" data-skip-next="{{skipNext}}" autocomplete="off" autofocus spellcheck="false"></label>
        <button type="submit" id="accept-button">Accept (Enter)</button>
        <a href="/review?skip={{skipNext}}" id="skip-link">Skip (Tab)</a>
        <p id="check" class="check" aria-live="polite"></p>
        {{#hasChoices}}
        <ol class="choices">
        {{#choices}}<li><button type="submit" class="choice" data-choice="{{number}}" name="pick" value="{{number}}"><kbd>{{key}}{{number}}</kbd> {{value}}</button></li>
        {{/choices}}
        </ol>
        {{/hasChoices}}
        </form>
        {{/entry}}
        {{^entry}}
        {{#hasSkipped}}
        <h1>Only skipped fields are left</h1>
        <p>You passed over {{skippedCount}} field(s) with Tab. <a href="/review">Start again with them</a>.</p>
        {{/hasSkipped}}
        {{^hasSkipped}}
        <h1>Nothing waiting for review</h1>
        <p>Every doubtful field has been decided.</p>
        {{/hasSkipped}}
        {{/entry}}
        <form method="post" action="/review/decide" id="undo">
        <input type="hidden" name="csrf" value="{{operator.csrf}}">
        <input type="hidden" name="action" value="undo">
        <button type="submit">Undo my last decision (Ctrl+Z)</button>
        </form>
        <p class="keys">Enter accepts · typing corrects · {{keyHint}} picks a choice · Tab skips · Ctrl+Z undoes · {{remaining}} field(s) waiting</p>
        <script src="/static/review.js"></script>
        {{> foot}}
        """

    static let message = """
        {{> head}}
        <h1>{{title}}</h1>
        <p>{{text}}</p>
        {{#link}}<p><a href="{{href}}">{{label}}</a></p>{{/link}}
        {{> foot}}
        """

    /// The templates, parsed once.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        let all = [("head", head), ("foot", foot), ("login", login), ("review", review), ("message", message),
                   ("cases", cases), ("case", caseDetail), ("document", document), ("search", search),
                   ("chart", chart), ("dashboard", dashboard), ("audit", audit)]
        for (name, text) in all {
            try library.register(text, named: name)
        }
        return library
    }
}
