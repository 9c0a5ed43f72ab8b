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
        <nav><a href="/review">Review</a></nav>
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
        <p class="path">{{path}}{{#formID}} · form {{formID}}{{/formID}}</p>
        {{#hasReasons}}<ul class="reasons">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul>{{/hasReasons}}
        <div class="crop">{{#hasBox}}<img src="{{cropURL}}" alt="scan of field {{field}}">{{/hasBox}}{{^hasBox}}<p>No picture of this field.</p>{{/hasBox}}</div>
        <p class="raw">Read: <code>{{raw}}</code>{{#earlierDecision}} · earlier decision: <code>{{earlierDecision}}</code>{{/earlierDecision}}</p>
        <form method="post" action="/review/decide" id="decide" data-digits="{{digitField}}">
        <input type="hidden" name="csrf" value="{{operator.csrf}}">
        <input type="hidden" name="document" value="{{documentID}}">
        <input type="hidden" name="field" value="{{field}}">
        <input type="hidden" name="shown" value="{{suggestion}}">
        <input type="hidden" name="action" value="accept" id="action">
        <input type="hidden" name="choice" value="" id="choice">
        <label>Value <input name="value" id="value" value="{{typed}}" data-suggestion="{{suggestion}}" autocomplete="off" autofocus spellcheck="false"></label>
        <button type="submit" id="accept-button">Accept (Enter)</button>
        {{#hasChoices}}
        <ol class="choices">
        {{#choices}}<li><button type="submit" class="choice" data-choice="{{number}}" name="pick" value="{{number}}"><kbd>{{key}}{{number}}</kbd> {{value}}</button></li>
        {{/choices}}
        </ol>
        {{/hasChoices}}
        </form>
        {{/entry}}
        {{^entry}}
        <h1>Nothing waiting for review</h1>
        <p>Every doubtful field has been decided.</p>
        {{/entry}}
        <form method="post" action="/review/decide" id="undo">
        <input type="hidden" name="csrf" value="{{operator.csrf}}">
        <input type="hidden" name="action" value="undo">
        <button type="submit">Undo my last decision (Ctrl+Z)</button>
        </form>
        <p class="keys">Enter accepts · typing corrects · {{keyHint}} picks a choice · Ctrl+Z undoes · {{remaining}} field(s) waiting</p>
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
        for (name, text) in [("head", head), ("foot", foot), ("login", login), ("review", review), ("message", message)] {
            try library.register(text, named: name)
        }
        return library
    }
}
