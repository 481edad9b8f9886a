// A case's mediator: avatar letter, name, title, organisation and whether they accepted the case.
// Takes the `mediator` of a case detail (typings/api/mediationCase.ts `MediatorCard`).
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    mediator: { type: Object, value: {} },
  },
})
