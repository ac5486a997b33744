/*
 * Password strength meter for new-password fields. Advisory only: the server enforces the
 * rules (length, common-password list). Uses zxcvbn-ts, loaded before this file from
 * /vendor. Markup: an input with data-strength-meter="<id of a <meter>>" and
 * data-strength-text="<id of an aria-live element>".
 */
;(() => {
  const vendor = window.zxcvbnts
  if (!vendor || !vendor.core) return

  const common = vendor['language-common']
  const en = vendor['language-en']
  const zxcvbn = new vendor.core.ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  })

  const MIN_LENGTH = 12
  const LABELS = ['Very weak', 'Weak', 'Fair', 'Good', 'Strong']

  const describe = (password, userInputs) => {
    if (password.length === 0) return { score: 0, text: '' }
    const result = zxcvbn.check(password, userInputs)
    const hints = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean)
    if (password.length < MIN_LENGTH) {
      hints.unshift(`Use at least ${MIN_LENGTH} characters (${password.length} so far).`)
    }
    const score = password.length < MIN_LENGTH ? Math.min(result.score, 1) : result.score
    return { score, text: [`Strength: ${LABELS[score]}.`, ...hints].join(' ') }
  }

  for (const input of document.querySelectorAll('input[data-strength-meter]')) {
    const meter = document.getElementById(input.dataset.strengthMeter)
    const output = document.getElementById(input.dataset.strengthText)
    if (!meter || !output) continue

    const otherFields = () =>
      Array.from(input.form?.querySelectorAll('input[type="email"], input[name="fullName"]') ?? [])
        .map((field) => field.value)
        .filter(Boolean)

    let timer
    input.addEventListener('input', () => {
      clearTimeout(timer)
      // Waiting for a pause in typing keeps screen readers from announcing every keystroke.
      timer = setTimeout(() => {
        const { score, text } = describe(input.value, otherFields())
        meter.value = input.value.length === 0 ? 0 : score + 1
        meter.hidden = input.value.length === 0
        output.textContent = text
      }, 300)
    })
  }
})()
