package verifiers

// What the differential tests (package verifiers_test, which imports
// verifierstest and so cannot be an internal test) need from inside the
// package: the strict form reader and the field lists the verifiers read.
var (
	// DiffFormLookup is LookupForm, with folded choosing FoldedNames.
	DiffFormLookup = func(fields []FormField, folded bool, names ...string) ([]string, []bool, error) {
		reading := ExactNames
		if folded {
			reading = FoldedNames
		}
		return LookupForm(fields, reading, names...)
	}
	DiffFormUnambiguous = func(fields []FormField) error { return formUnambiguous(fields, FoldedNames) }
	// DiffPayoneFields, DiffMailgunNames and DiffAdyenSignedFields are the
	// fields those verifiers read.
	DiffPayoneFields      = payoneFields[:]
	DiffMailgunNames      = mailgunNames[:]
	DiffAdyenSignedFields = adyenSignedFields[:]
)
