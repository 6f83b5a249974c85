package verifiers

// Test hooks: names for the tests in package verifiers_test (which import
// verifierstest and so cannot live in package verifiers) and for the
// differential tests. They are compiled only into the test binary.

// JSON reader.
type JSONValue = jsonValue

const (
	JSONNull   = jsonNull
	JSONBool   = jsonBool
	JSONString = jsonString
	JSONNumber = jsonNumber
	JSONObject = jsonObject
	JSONArray  = jsonArray
)

var ParseJSON = parseJSON

// Form reader.
const ExactNames = exactNames

var (
	ParseForm  = parseForm
	LookupForm = lookupForm
)

// OptionIDField is the generic preset's id_field option.
const OptionIDField = optionIDField
