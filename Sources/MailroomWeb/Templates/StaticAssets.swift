/// The station's stylesheet and script, served from memory (no CDN, nothing fetched).
enum StaticAssets {
    static let css = """
        body { font: 16px/1.4 system-ui, sans-serif; margin: 0; color: #111; background: #fafafa; }
        header { display: flex; gap: 1.5em; align-items: center; padding: .5em 1em; background: #223; color: #fff; }
        header a { color: #fff; }
        header .logout { margin-left: auto; display: flex; gap: .5em; align-items: center; }
        main { padding: 1em 2em; max-width: 70em; }
        .error { background: #fdd; border: 1px solid #c33; padding: .5em; }
        .notice { background: #dfd; border: 1px solid #3a3; padding: .5em; }
        .warning { background: #ffd; border: 1px solid #aa3; padding: .5em; }
        .crop { background: #fff; border: 1px solid #ccc; padding: .5em; display: inline-block; }
        .crop img { max-width: 100%; image-rendering: auto; min-width: 400px; }
        #value { font: 28px/1.2 ui-monospace, monospace; width: 24em; max-width: 100%; padding: .2em; }
        .choices { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5em; }
        .choices button { font: 18px ui-monospace, monospace; }
        kbd { border: 1px solid #888; border-radius: 3px; padding: 0 .3em; background: #eee; }
        .keys, .path { color: #555; }
        .login label { display: block; margin: .5em 0; }
        header nav { display: flex; gap: 1em; }
        .check { min-height: 1.4em; font-size: 15px; }
        .check.bad { color: #a00; } .check.doubt { color: #850; } .check.good { color: #060; }
        .filters { display: flex; flex-wrap: wrap; gap: 1em; align-items: center; margin-bottom: 1em; }
        table.list { border-collapse: collapse; width: 100%; background: #fff; }
        table.list th, table.list td { border-bottom: 1px solid #ddd; padding: .3em .5em; text-align: left; vertical-align: top; }
        tr.overdue td { background: #fff0f0; } tr.chosen td { background: #fff7cc; }
        .late { color: #a00; } .soon { color: #850; }
        .facts { color: #333; } .state { font-weight: bold; text-transform: uppercase; }
        table.clocks td { border: 1px solid #ccc; padding: .4em .8em; background: #fff; }
        td.sla-overdue { background: #fdd; } td.sla-due_soon { background: #ffd; } td.sla-met { background: #dfd; }
        .actions form { display: flex; flex-wrap: wrap; gap: .5em; align-items: flex-end; margin: .4em 0; }
        .actions textarea { width: 30em; max-width: 100%; }
        .timeline { background: #fff; border: 1px solid #ddd; padding: .5em 2em; }
        .timeline .when { color: #666; font-size: 90%; }
        .document { background: #fff; border: 1px solid #ddd; padding: .5em 1em; margin: 1em 0; }
        img.thumb { max-width: 280px; border: 1px solid #ccc; margin-right: .5em; }
        pre.text { white-space: pre-wrap; background: #f4f4f4; padding: .5em; max-height: 30em; overflow: auto; }
        svg.page { max-width: 100%; height: auto; border: 1px solid #ccc; background: #fff; }
        svg.page rect.box { fill: none; stroke: #37c; stroke-width: 2; }
        svg.page rect.chosen { fill: rgba(255, 200, 0, .25); stroke: #e60; stroke-width: 5; }
        .chart { background: #fff; border: 1px solid #ddd; padding: .5em; margin: 1em 0; display: inline-block; }
        .chart svg { max-width: 100%; height: auto; }
        .chart text { font: 13px system-ui, sans-serif; fill: #222; }
        rect.bar { fill: #58a; } rect.ok, .key.ok { fill: #5a5; background: #5a5; }
        rect.soon, .key.soon { fill: #db3; background: #db3; } rect.late, .key.late { fill: #c44; background: #c44; }
        .key { display: inline-block; width: .9em; height: .9em; margin: 0 .3em 0 1em; vertical-align: middle; }
        mark { background: #ffe066; }
        .hits li { margin-bottom: .8em; } .snippet { margin: .2em 0; color: #333; }
        """

    /// Keyboard review: Enter accepts (or saves the typed correction), digits pick a choice
    /// (with Alt on digit fields, where digits are typed), Tab skips to the next field, Ctrl+Z
    /// undoes unless a typed edit can be undone. While typing, the server checks the value with
    /// the same rules a decision uses and the page says what would be stored.
    static let reviewScript = """
        (function () {
          var form = document.getElementById('decide');
          var undo = document.getElementById('undo');
          var input = document.getElementById('value');
          var action = document.getElementById('action');
          var choice = document.getElementById('choice');
          var digits = form && form.dataset.digits === 'true';
          function submit(kind, number) {
            action.value = kind;
            choice.value = number || '';
            HTMLFormElement.prototype.submit.call(form);
          }
          if (input) { input.focus(); input.select(); }
          var check = document.getElementById('check');
          var timer = null;
          function showCheck(result) {
            if (!check) { return; }
            if (result.errors.length) {
              check.className = 'check bad'; check.textContent = result.errors.join('; ');
            } else if (result.warnings.length) {
              check.className = 'check doubt'; check.textContent = 'would store ' + result.value + ', but: ' + result.warnings.join('; ');
            } else {
              check.className = 'check good'; check.textContent = 'would store ' + result.value;
            }
            if (result.candidates.length) { check.textContent += ' · directory: ' + result.candidates.join(' | '); }
          }
          function runCheck() {
            var query = '/api/review/check?document=' + encodeURIComponent(input.dataset.document) +
              '&field=' + encodeURIComponent(input.dataset.field) + '&value=' + encodeURIComponent(input.value);
            fetch(query, { credentials: 'same-origin' })
              .then(function (answer) { return answer.ok ? answer.json() : null; })
              .then(function (result) { if (result) { showCheck(result); } })
              .catch(function () {});
          }
          if (input) {
            input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(runCheck, 150); });
          }
          if (form) {
            form.addEventListener('submit', function (event) {
              var button = event.submitter;
              if (button && button.dataset.choice) { action.value = 'pick'; choice.value = button.dataset.choice; return; }
              action.value = input.value === input.dataset.suggestion ? 'accept' : 'set';
            });
          }
          document.addEventListener('keydown', function (event) {
            if (event.key === 'Tab' && !event.shiftKey && input && document.activeElement === input) {
              event.preventDefault();
              window.location.href = '/review?skip=' + encodeURIComponent(input.dataset.skipNext);
              return;
            }
            if ((event.ctrlKey || event.metaKey) && event.key === 'z') {
              if (!input || input.value === input.dataset.suggestion) { event.preventDefault(); HTMLFormElement.prototype.submit.call(undo); }
              return;
            }
            if (!form || !/^[1-9]$/.test(event.key) || event.ctrlKey || event.metaKey) { return; }
            var wanted = digits ? event.altKey : (!event.altKey && input.value === input.dataset.suggestion) || event.altKey;
            var button = form.querySelector('button[data-choice="' + event.key + '"]');
            if (wanted && button) { event.preventDefault(); submit('pick', event.key); }
          });
        })();
        """
}
