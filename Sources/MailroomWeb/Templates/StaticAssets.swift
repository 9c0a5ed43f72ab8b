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
        """

    /// Keyboard review: Enter accepts (or saves the typed correction), digits pick a choice
    /// (with Alt on digit fields, where digits are typed), Ctrl+Z undoes unless a typed edit can be undone.
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
          if (form) {
            form.addEventListener('submit', function (event) {
              var button = event.submitter;
              if (button && button.dataset.choice) { action.value = 'pick'; choice.value = button.dataset.choice; return; }
              action.value = input.value === input.dataset.suggestion ? 'accept' : 'set';
            });
          }
          document.addEventListener('keydown', function (event) {
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
