/** The operations the tests send, as a client would write them. */
export const userFields = 'id email name role createdAt';

export const signUpMutation = `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { token user { ${userFields} } }
  }`;

export const logInMutation = `
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) { token user { ${userFields} } }
  }`;

export const meQuery = `query Me { me { ${userFields} } }`;

export const userQuery = `query User($id: ID!) { user(id: $id) { ${userFields} } }`;

export const entitiesQuery = `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on User { id name role createdAt } }
  }`;

export const entitiesWithEmailQuery = `
  query EntitiesWithEmail($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on User { id name email } }
  }`;
