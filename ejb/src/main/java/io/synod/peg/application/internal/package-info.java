/** The peg's EJBs: thin shells that open the node's own stores and hand them to the framework-free read models. */
package io.synod.peg.application.internal;
