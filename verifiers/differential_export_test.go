package verifiers

// What the differential tests (package verifiers_test, which imports
// verifierstest and so cannot be an internal test) need from inside the
// package: the strict form reader and the field lists the verifiers read.
var (
	// DiffFormLookup is lookupForm, with folded choosing foldedNames.
	DiffFormLookup = func(fields []formField, folded bool, names ...string) ([]string, []bool, error) {
		reading := exactNames
		if folded {
			reading = foldedNames
		}
		return lookupForm(fields, reading, names...)
	}
	DiffFormUnambiguous = func(fields []formField) error { return formUnambiguous(fields, foldedNames) }
	// DiffPayoneFields, DiffMailgunNames and DiffAdyenSignedFields are the
	// fields those verifiers read.
	DiffPayoneFields      = payoneFields[:]
	DiffMailgunNames      = mailgunNames[:]
	DiffAdyenSignedFields = adyenSignedFields[:]
)
