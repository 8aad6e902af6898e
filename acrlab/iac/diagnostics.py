"""Bicep diagnostics (codes, levels, positions) and how the Bicep CLI prints them."""

from __future__ import annotations

from pydantic import BaseModel

CORE_DOCS = "https://aka.ms/bicep/core-diagnostics"
LINTER_DOCS = "https://aka.ms/bicep/linter-diagnostics"


class Diagnostic(BaseModel):
    """One finding at a 1-based line and column, as `bicep build` reports it."""

    code: str
    message: str
    line: int
    column: int
    level: str = "Error"  # Error | Warning

    @property
    def link(self) -> str:
        if self.code.startswith("BCP"):
            return f"{CORE_DOCS}#{self.code}"
        return f"{LINTER_DOCS}#{self.code}"

    def format(self, path: str) -> str:
        """`/home/learner/main.bicep(23,22) : Error BCP057: The name ... [https://aka.ms/...#BCP057]`."""
        return f"{path}({self.line},{self.column}) : {self.level} {self.code}: {self.message} [{self.link}]"


class BicepCompileError(Exception):
    """A Bicep file with at least one error diagnostic; carries every diagnostic found (errors and warnings)."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.line, d.column))
        first = next((d for d in self.diagnostics if d.level == "Error"), self.diagnostics[0])
        super().__init__(f"{first.code}: {first.message}")

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "Error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level != "Error"]

    def format(self, path: str) -> str:
        return "\n".join(d.format(path) for d in self.diagnostics)


def error(code: str, message: str, line: int, column: int) -> Diagnostic:
    return Diagnostic(code=code, message=message, line=line, column=column)


def warning(code: str, message: str, line: int, column: int) -> Diagnostic:
    return Diagnostic(code=code, message=message, line=line, column=column, level="Warning")


def quoted(items) -> str:
    """Bicep's ToQuotedString: `"a", "b", "c"`."""
    return ", ".join(f'"{i}"' for i in items)


DECLARATION_TYPES = ["array", "bool", "int", "object", "string"]

MESSAGES = {
    "BCP001": 'The following token is not recognized: "{0}".',
    "BCP002": "The multi-line comment at this location is not terminated. Terminate it with the */ character sequence.",
    "BCP003": "The string at this location is not terminated. Terminate the string with a single quote character.",
    "BCP004": "The string at this location is not terminated due to an unexpected new line character.",
    "BCP005": "The string at this location is not terminated. Complete the escape sequence and terminate the string "
              "with a single unescaped quote character.",
    "BCP006": "The specified escape sequence is not recognized. Only the following escape sequences are allowed: {0}.",
    "BCP007": "This declaration type is not recognized. Specify a metadata, parameter, variable, resource, or output "
              "declaration.",
    "BCP008": 'Expected the "=" token, or a newline at this location.',
    "BCP009": "Expected a literal value, an array, an object, a parenthesized expression, or a function call at this "
              "location.",
    "BCP010": "Expected a valid 32-bit signed integer.",
    "BCP012": 'Expected the "{0}" keyword at this location.',
    "BCP013": "Expected a parameter identifier at this location.",
    "BCP014": "Expected a parameter type at this location. Please specify one of the following types: "
              + quoted(DECLARATION_TYPES) + ".",
    "BCP015": "Expected a variable identifier at this location.",
    "BCP016": "Expected an output identifier at this location.",
    "BCP017": "Expected a resource identifier at this location.",
    "BCP018": 'Expected the "{0}" character at this location.',
    "BCP019": "Expected a new line character at this location.",
    "BCP020": "Expected a function or property name at this location.",
    "BCP022": "Expected a property name at this location.",
    "BCP025": 'The property "{0}" is declared multiple times in this object. Remove or rename the duplicate properties.',
    "BCP026": 'The output expects a value of type "{0}" but the provided value is of type "{1}".',
    "BCP027": 'The parameter expects a default value of type "{0}" but provided value is of type "{1}".',
    "BCP028": 'Identifier "{0}" is declared multiple times. Remove or rename the duplicates.',
    "BCP029": 'The resource type is not valid. Specify a valid resource type of format "<types>@<apiVersion>".',
    "BCP030": "The output type is not valid. Please specify one of the following types: "
              + quoted(DECLARATION_TYPES) + ".",
    "BCP031": "The parameter type is not valid. Please specify one of the following types: "
              + quoted(DECLARATION_TYPES) + ".",
    "BCP033": 'Expected a value of type "{0}" but the provided value is of type "{1}".',
    "BCP204": 'Extension "{0}" is not recognized.',
    "BCP035": 'The specified "{0}" declaration is missing the following required properties: {1}.',
    "BCP036": 'The property "{0}" expected a value of type "{1}" but the provided value is of type "{2}".',
    "BCP047": "String interpolation is unsupported for specifying the resource type.",
    "BCP057": 'The name "{0}" does not exist in the current context.',
    "BCP058": 'The name "{0}" is an output. Outputs cannot be referenced in expressions.',
    "BCP059": 'The name "{0}" is not a function.',
    "BCP060": 'The "variables" function is not supported. Directly reference variables by their symbolic names.',
    "BCP061": 'The "parameters" function is not supported. Directly reference parameters by their symbolic names.',
    "BCP063": 'The name "{0}" is not a parameter, variable, resource or module.',
    "BCP065": 'Function "{0}" is not valid at this location. It can only be used as a parameter default value.',
    "BCP068": 'Expected a resource type string. Specify a valid resource type of format "<types>@<apiVersion>".',
    "BCP071": "Expected {0}, but got {1}.",
    "BCP072": "This symbol cannot be referenced here. Only other parameters can be referenced in parameter default "
              "values.",
    "BCP079": "This expression is referencing its own declaration, which is not allowed.",
    "BCP080": 'The expression is involved in a cycle ("{0}").',
    "BCP082": 'The name "{0}" does not exist in the current context. Did you mean "{1}"?',
    "BCP100": 'The "if" function is not supported. Use the ternary conditional operator instead.',
    "BCP101": 'The "createArray" function is not supported. Construct an array literal using [].',
    "BCP102": 'The "createObject" function is not supported. Construct an object literal using {{}}.',
    "BCP103": 'The following token is not recognized: "{0}". Strings are defined using single quotes in bicep.',
    "BCP146": "Expected an output type at this location. Please specify one of the following types: "
              + quoted(DECLARATION_TYPES) + ".",
    "BCP124": 'The decorator "{0}" can only be attached to targets of type "{1}", but the target has type "{2}".',
    "BCP128": 'Function "{0}" cannot be used as a parameter decorator.',
    "BCP132": "Expected a declaration after the decorator.",
    "BCP258": "The following parameters are declared in the Bicep file but are missing an assignment in the params "
              "file: {0}.",
    "BCP259": 'The parameter "{0}" is assigned in the params file without being declared in the Bicep file.',
    "BCP261": "A using declaration must be present in this parameters file.",
    "BCP293": "All members of a union type declaration must be literal values.",
    "BCP302": 'The name "{0}" is not a valid type. Please specify one of the following types: {1}.',
    "BCP337": 'This declaration type is not valid for a Bicep Parameters file. Supported declarations: "using", '
              '"extends", "param", "var", "type".',
    "BCP338": 'Failed to evaluate parameter "{0}": {1}',
}


def make(code: str, line: int, column: int, *args) -> Diagnostic:
    return error(code, MESSAGES[code].format(*args), line, column)
