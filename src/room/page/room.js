// Copyright 2026 The Journey Mapper developers
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The participant's page: joins the room over one WebSocket, shows the map
// as a list by stage and lane, and adds cards. Every text from the room is
// put in the page with textContent, never as markup.
'use strict';

(function () {
  const PARKING_LOT = 'parking-lot';
  const EMOTIONS = { '2': 'Very positive', '1': 'Positive', '0': 'Neutral',
                     '-1': 'Negative', '-2': 'Very negative' };
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let map = null;
  let joinedName = null;
  let requests = 0;
  let pinger = 0;
  let removed = false;
  // The room's token for this page: joining again with it is joining as
  // the same participant, even when the room is locked.
  const tokenKey = 'jm-room-token:' + location.pathname;
  let token = null;
  try { token = sessionStorage.getItem(tokenKey); } catch (e) { token = null; }

  function showMode (message) {
    const notes = [];
    if (message.private) notes.push('Private mode: your cards stay hidden until the facilitator reveals them.');
    if (message.locked) notes.push('The room is locked to newcomers.');
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
    const item = element('li', null, card.title);
    item.dataset.id = card.id;
    const meta = [];
    if (card.emotion !== null && card.emotion !== undefined) meta.push(EMOTIONS[String(card.emotion)] || '');
    if (card.channel) meta.push(card.channel);
    if (meta.length) item.appendChild(element('span', 'meta', meta.join(' · ')));
    return item;
  }

  function lanesOf () {
    const lanes = map.lanes.filter((lane) => lane.id !== PARKING_LOT);
    return lanes;
  }

  function cellId (stage, lane) {
    return 'cell-' + stage + '-' + lane;
  }

  function render () {
    $('map-title').textContent = map.title || 'Journey Mapper room';
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
    lot.appendChild(element('h2', null, 'Parking lot'));
    const lotList = element('ul', 'cards');
    lotList.id = 'parking-lot';
    lot.appendChild(lotList);
    root.appendChild(lot);
    const lotOption = element('option', null, 'Parking lot');
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
        render();
        $('join').hidden = true;
        $('add').hidden = false;
        status(message.name ? 'Joined as ' + message.name + '.' : 'Joined anonymously.');
        $('title').focus();
        pinger = setInterval(() => send({ type: 'ping' }), 60000);
        break;
      case 'mode':
        showMode(message);
        break;
      case 'card-held':
        status('Card held for the facilitator: ' + message.card.title);
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
          map.lanes.push({ id: PARKING_LOT, name: 'Parking lot' });
        place(message.card, true);
        if (message.request) {
          status('Card added: ' + message.card.title);
          $('add-button').disabled = false;
        } else {
          status((message.by || 'Someone') + ' added: ' + message.card.title);
        }
        break;
      case 'error':
        if (message.code === 'removed') removed = true;
        status(message.message || 'The room refused that.', true);
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
        status('Pick a name or join anonymously.');
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
      if (!$('status').classList.contains('error')) status('You are no longer in the room.', true);
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
    status('Connecting…');
    connect();
  });
  $('add').addEventListener('submit', (event) => {
    event.preventDefault();
    const title = $('title').value.trim();
    if (!title) {
      status('Write the card first.', true);
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

  connect();
})();
