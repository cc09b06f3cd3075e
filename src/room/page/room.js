// Copyright 2026 The Journey Mapper developers
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The participant's page: joins the room over one WebSocket, shows the map
// as a list by stage and lane, and adds cards. Every text from the room is
// put in the page with textContent, never as markup.
//
// The page speaks the app's languages: the room answers strings.json with
// the translations for the browser's Accept-Language (made from po/ at
// build time), and _() looks texts up there. The page's own texts are
// marked data-i18n in index.html and listed below with N_() for xgettext.
'use strict';

(function () {
  let catalog = {};
  const _ = (text) => (Object.prototype.hasOwnProperty.call(catalog, text) && catalog[text]) || text;
  const N_ = (text) => text;
  // Fills {name} placeholders, so that a translation may reorder them.
  const format = (text, values) => text.replace(/\{(\w+)\}/g, (all, key) => values[key]);

  // In index.html, marked data-i18n: here for the translators' template.
  void [N_('Journey Mapper room'), N_('Connecting…'), N_('Your name (optional)'), N_('Join'),
        N_('Join anonymously'), N_('Add a card'), N_('Where'), N_('New card'), N_('More'),
        N_('Feeling'), N_('Not said'), N_('Channel'), N_('Notes'), N_('Add card'),
        N_('Join again'), N_('The map')];

  const PARKING_LOT = 'parking-lot';
  // The channels a map names by id, with the app's own labels for them
  // (src/model/jm-types.c); a channel typed by hand shows as it was typed.
  const CHANNELS = {
    'web': N_('Website'), 'mobile-app': N_('Mobile app'), 'live-chat': N_('Live chat'),
    'social': N_('Social media'), 'email': N_('Email'), 'phone': N_('Phone / call centre'),
    'in-store': N_('In store'), 'kiosk': N_('Kiosk'), 'self-service': N_('Self-service portal'),
    'mail': N_('Post / mail'), 'advert': N_('TV or print advert'), 'other': N_('Other'),
  };
  const EMOTIONS = { '2': N_('Very positive'), '1': N_('Positive'), '0': N_('Neutral'),
                     '-1': N_('Negative'), '-2': N_('Very negative') };
  // The room's refusals that end a visit, in the participant's language;
  // others are shown as the room words them.
  const REFUSALS = {
    'room-locked': N_('The room is locked: nobody new can join. Ask the facilitator.'),
    'removed': N_('The facilitator removed you from the room.'),
    'room-closed': N_('The facilitator closed the room.'),
    'room-full': N_('The room is full: ask the facilitator.'),
    'timeout': N_('You were away too long: join again.'),
  };
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let map = null;
  let joinedName = null;
  let requests = 0;
  let pinger = 0;
  let removed = false;
  // The open voting round as the room tells this participant (their dots
  // left and on each card), or null; and the workshop timer's end.
  let round = null;
  let timerEnd = 0;
  let timerTick = 0;
  let timerState = null;
  // The room's token for this page: joining again with it is joining as
  // the same participant, even when the room is locked.
  const tokenKey = 'jm-room-token:' + location.pathname;
  let token = null;
  try { token = sessionStorage.getItem(tokenKey); } catch (e) { token = null; }

  function showMode (message) {
    const notes = [];
    if (message.private) notes.push(_('Private mode: your cards stay hidden until the facilitator reveals them.'));
    if (message.locked) notes.push(_('The room is locked to newcomers.'));
    $('mode').textContent = notes.join(' ');
    $('mode').hidden = notes.length === 0;
  }

  function hello (name) {
    const message = { type: 'hello', version: 1, name: name || null };
    if (token) message.token = token;
    send(message);
  }

  function status (text, isError) {
    $('status').textContent = text;
    $('status').classList.toggle('error', !!isError);
  }

  function element (tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function cardItem (card) {
    const item = element('li', null);
    item.appendChild(element('span', 'title', card.title));
    item.dataset.id = card.id;
    const meta = [];
    const feeling = card.emotion !== null && card.emotion !== undefined ? EMOTIONS[String(card.emotion)] : null;
    if (feeling) meta.push(_(feeling));
    if (card.channel) meta.push(Object.prototype.hasOwnProperty.call(CHANNELS, card.channel) ? _(CHANNELS[card.channel]) : card.channel);
    if (meta.length) item.appendChild(element('span', 'meta', meta.join(' · ')));
    if (round) item.appendChild(voteButtons(card));
    return item;
  }

  // A dot for the card, and one to take back when this participant has
  // placed some there: buttons named for the card, for screen readers.
  function voteButtons (card) {
    const mine = (round.mine && round.mine[card.id]) || 0;
    const box = element('span', 'vote');
    const dots = element('span', 'dots', '●'.repeat(mine));
    dots.setAttribute('aria-label', format(_('Your dots on this card: {n}'), { n: mine }));
    box.appendChild(dots);
    const add = element('button', 'vote-add', _('Vote'));
    add.type = 'button';
    add.setAttribute('aria-label', format(_('Vote for {title}'), { title: card.title }));
    add.disabled = round.remaining <= 0;
    add.addEventListener('click', () => send({ type: 'vote', card: card.id, request: 'v' + (++requests) }));
    box.appendChild(add);
    if (mine > 0) {
      const back = element('button', 'vote-back', _('Take back'));
      back.type = 'button';
      back.setAttribute('aria-label', format(_('Take a dot back from {title}'), { title: card.title }));
      back.addEventListener('click', () => send({ type: 'unvote', card: card.id, request: 'v' + (++requests) }));
      box.appendChild(back);
    }
    return box;
  }

  function showRound () {
    $('round').hidden = !round;
    if (!round) return;
    $('round-question').textContent = round.question || _('Vote for the cards that matter most');
    $('round-dots').textContent = round.remaining === 1 ? _('You have 1 dot left.')
      : format(_('You have {n} dots left.'), { n: round.remaining });
  }

  function formatTime (seconds) {
    const s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  // The room says when the timer starts, stops or changes; the page counts
  // the seconds between.
  function showTimer () {
    const t = timerState;
    const node = $('timer');
    if (!t || (!t.running && !t.finished && t.duration === 0)) { node.hidden = true; return; }
    node.hidden = false;
    const left = t.running ? (timerEnd - Date.now()) / 1000 : t.remaining;
    const time = t.finished ? _('Time is up') : formatTime(left);
    node.textContent = t.step ? t.step + ' · ' + time : time;
    node.classList.toggle('finished', !!t.finished);
  }

  function setTimer (message) {
    timerState = message;
    timerEnd = Date.now() + message.remaining * 1000;
    clearInterval(timerTick);
    if (message.running) timerTick = setInterval(showTimer, 1000);
    showTimer();
  }

  function lanesOf () {
    const lanes = map.lanes.filter((lane) => lane.id !== PARKING_LOT);
    return lanes;
  }

  function cellId (stage, lane) {
    return 'cell-' + stage + '-' + lane;
  }

  function render () {
    $('map-title').textContent = map.title || _('Journey Mapper room');
    const root = $('map');
    root.replaceChildren();
    const where = $('where');
    const chosen = where.value;
    where.replaceChildren();

    for (const stage of map.stages) {
      const section = element('section', 'stage');
      section.appendChild(element('h2', null, stage.name));
      for (const lane of lanesOf()) {
        section.appendChild(element('h3', null, lane.name));
        const list = element('ul', 'cards');
        list.id = cellId(stage.id, lane.id);
        section.appendChild(list);
        const option = element('option', null, stage.name + ' — ' + lane.name);
        option.value = JSON.stringify([stage.id, lane.id]);
        where.appendChild(option);
      }
      root.appendChild(section);
    }
    const lot = element('section', 'stage');
    lot.appendChild(element('h2', null, _('Parking lot')));
    const lotList = element('ul', 'cards');
    lotList.id = 'parking-lot';
    lot.appendChild(lotList);
    root.appendChild(lot);
    const lotOption = element('option', null, _('Parking lot'));
    lotOption.value = JSON.stringify([null, PARKING_LOT]);
    where.appendChild(lotOption);
    if ([...where.options].some((o) => o.value === chosen)) where.value = chosen;

    for (const card of map.cards) place(card, false);
  }

  function place (card, isNew) {
    if (card.lane === PARKING_LOT) {
      $('parking-lot').appendChild(cardItem(card));
      return;
    }
    const list = $(cellId(card.stage, card.lane));
    if (list) {
      const item = cardItem(card);
      if (isNew) item.classList.add('new');
      list.appendChild(item);
    }
  }

  function send (message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function onMessage (event) {
    let message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    switch (message.type) {
      case 'welcome':
        token = message.token || null;
        try { if (token) sessionStorage.setItem(tokenKey, token); } catch (e) { /* private browsing */ }
        showMode(message);
        map = message.map;
        round = message.round || null;
        showRound();
        if (message.timer) setTimer(message.timer);
        render();
        $('join').hidden = true;
        $('add').hidden = false;
        status(message.name ? format(_('Joined as {name}.'), { name: message.name }) : _('Joined anonymously.'));
        $('title').focus();
        pinger = setInterval(() => send({ type: 'ping' }), 60000);
        break;
      case 'mode':
        showMode(message);
        break;
      case 'round':
        round = message.round || null;
        showRound();
        if (map) render();
        if (message.request) status(round ? _('Your vote is in.') : _('The voting round has closed.'));
        break;
      case 'timer':
        setTimer(message.timer);
        break;
      case 'card-held':
        status(format(_('Card held for the facilitator: {title}'), { title: message.card.title }));
        $('add-button').disabled = false;
        break;
      case 'snapshot':
        map = message.map;
        render();
        break;
      case 'card-added':
        if (!map) break;
        map.cards.push(message.card);
        if (message.card.lane === PARKING_LOT && !map.lanes.some((l) => l.id === PARKING_LOT))
          map.lanes.push({ id: PARKING_LOT, name: _('Parking lot') });
        place(message.card, true);
        if (message.request) {
          status(format(_('Card added: {title}'), { title: message.card.title }));
          $('add-button').disabled = false;
        } else {
          status(format(_('{name} added: {title}'), { name: message.by || _('Someone'), title: message.card.title }));
        }
        break;
      case 'error':
        if (message.code === 'removed') removed = true;
        status(REFUSALS[message.code] ? _(REFUSALS[message.code]) : (message.message || _('The room refused that.')), true);
        $('add-button').disabled = false;
        break;
    }
  }

  function connect () {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const path = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
    socket = new WebSocket(scheme + '//' + location.host + path + 'ws');
    socket.addEventListener('open', () => {
      if (joinedName === null) {
        status(_('Pick a name or join anonymously.'));
        $('join').hidden = false;
        $('name').focus();
      } else {
        hello(joinedName);
      }
    });
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', () => {
      clearInterval(pinger);
      $('add').hidden = true;
      $('rejoin').hidden = removed;
      if (!$('status').classList.contains('error')) status(_('You are no longer in the room.'), true);
    });
  }

  function join (name) {
    joinedName = name;
    hello(name);
  }

  $('join').addEventListener('submit', (event) => {
    event.preventDefault();
    join($('name').value.trim());
  });
  $('join-anonymous').addEventListener('click', () => join(''));
  $('rejoin').addEventListener('click', () => {
    $('rejoin').hidden = true;
    status(_('Connecting…'));
    connect();
  });
  $('add').addEventListener('submit', (event) => {
    event.preventDefault();
    const title = $('title').value.trim();
    if (!title) {
      status(_('Write the card first.'), true);
      $('title').focus();
      return;
    }
    const [stage, lane] = JSON.parse($('where').value || '[null,"parking-lot"]');
    const message = { type: 'add-card', request: 'r' + (++requests), stage: stage, lane: lane,
                      title: title };
    const emotion = $('emotion').value;
    if (emotion !== '') message.emotion = parseInt(emotion, 10);
    if ($('channel').value.trim()) message.channel = $('channel').value.trim();
    if ($('notes').value.trim()) message.notes = $('notes').value.trim();
    $('add-button').disabled = true;
    send(message);
    $('title').value = '';
    $('notes').value = '';
    $('title').focus();
  });

  // The page's own texts, then the room: a page with no translations (or
  // none for this browser's languages) stays in English.
  function translatePage (strings) {
    catalog = strings.strings || {};
    if (strings.lang) document.documentElement.lang = strings.lang;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = _(node.textContent.trim());
    for (const node of document.querySelectorAll('[data-i18n-label]'))
      node.setAttribute('aria-label', _(node.getAttribute('aria-label')));
  }

  fetch('strings.json', { cache: 'no-store' })
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}))
    .then((strings) => { translatePage(strings); connect(); });
})();
