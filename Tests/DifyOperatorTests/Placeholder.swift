import Testing

@Test func placeholderDifyOperatorTests() {}
